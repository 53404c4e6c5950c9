package io.wampkit.interop

import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldBeEmpty
import io.kotest.matchers.collections.shouldContainExactlyInAnyOrder
import io.kotest.matchers.nulls.shouldNotBeNull
import io.kotest.matchers.shouldBe
import io.wampkit.interop.PeerReport.Companion.FAIL
import io.wampkit.interop.PeerReport.Companion.PASS
import io.wampkit.session.WampEvent
import kotlinx.coroutines.channels.Channel
import kotlinx.coroutines.withTimeout

/**
 * WampKit publisher -> harness subscriber, and harness publisher -> WampKit subscriber, with the kit's event
 * payloads (`[i, text, obj]`, `{seq: i, text, obj}`, fixtures/payload.json "pubsub"), through the WampKit
 * router and through fox-wamp. Neither fox-wamp quirk concerns events: expectations are strict on both.
 */
class PubSubInteropSpec : FunSpec({
    val harness = Harness.locate()
    val fx = harness.fixture
    val n = fx.eventCount
    val targets = RouterTarget.all(harness)

    afterSpec { RouterTarget.stopAll(targets) }

    fun topic(direction: String, client: String, target: RouterTarget) =
        "${fx.topicPrefix}.wampkit_$direction.${client.replace('-', '_')}.${target::class.simpleName!!.lowercase()}.r${ProcessHandle.current().pid()}"

    for (target in targets) context("through ${target.name}") {
        val url = target.start()
        val session = target.join()
        try {
            for (client in PEERS) {
                test("WampKit publisher -> $client subscriber ($n events)") {
                    val topic = topic("pub", client, target)
                    val subscriber = harness.startPeer(
                        client, "subscriber", url, target, "--topic", topic, "--count", "$n", "--timeout", "$PEER_TIMEOUT_SECONDS",
                    )
                    try {
                        withOutputOf(subscriber) {
                            subscriber.awaitLine("READY", READY_TIMEOUT_MILLIS) { it.startsWith("READY ") }
                            val ids = withTimeout(PUBLISH_TIMEOUT_MILLIS) {
                                (0 until n).map { i -> session.publish(topic, fx.eventArgs(i), fx.eventKwargs(i), acknowledge = true) }
                            }
                            ids.filterNotNull().toSet().size shouldBe n // n acknowledgements, distinct publication ids
                            val rc = subscriber.awaitExit(EXIT_TIMEOUT_MILLIS)
                            val report = subscriber.report()
                            report.withStatus(FAIL).map { it.line }.shouldBeEmpty()
                            report.withStatus(PASS).map { it.name } shouldContainExactlyInAnyOrder listOf(
                                "received exactly $n events",
                                "events in order with payload intact (args+kwargs, nested, unicode)",
                            )
                            report.result.shouldNotBeNull().failed shouldBe 0
                            rc shouldBe 0
                        }
                    } finally {
                        subscriber.stop()
                    }
                }

                test("$client publisher -> WampKit subscriber ($n events)") {
                    val topic = topic("sub", client, target)
                    val events = Channel<WampEvent>(Channel.UNLIMITED)
                    val subscription = session.subscribe(topic) { events.send(it) }
                    try {
                        val publisher = harness.startPeer(
                            client, "publisher", url, target, "--topic", topic, "--count", "$n", "--timeout", "$PEER_TIMEOUT_SECONDS",
                        )
                        try {
                            withOutputOf(publisher) {
                                val got = withTimeout(RECEIVE_TIMEOUT_MILLIS) { List(n) { events.receive() } }
                                val rc = publisher.awaitExit(EXIT_TIMEOUT_MILLIS)
                                // the publisher ends >= 0.3 s after its last acknowledgement: a duplicate would be here
                                events.tryReceive().getOrNull()?.let { throw AssertionError("event beyond the $n expected: $it") }
                                got.forEachIndexed { i, event ->
                                    withClue("event #$i") {
                                        event.topic shouldBe topic
                                        event.args shouldBe fx.eventArgs(i)
                                        event.kwargs shouldBe fx.eventKwargs(i)
                                    }
                                }
                                got.map { it.publication }.toSet().size shouldBe n
                                // the publisher's own checks (acks, ids, exclude_me) pass too
                                publisher.report().withStatus(FAIL).map { it.line }.shouldBeEmpty()
                                publisher.report().result.shouldNotBeNull().failed shouldBe 0
                                rc shouldBe 0
                            }
                        } finally {
                            publisher.stop()
                        }
                    } finally {
                        subscription.unsubscribe()
                        events.close()
                    }
                }
            }
        } finally {
            session.leave()
        }
    }
})

/** Autobahn|Python as the issue asks; Autobahn|JS as well, since it costs a second at most. */
private val PEERS = listOf("autobahn-py", "autobahn-js")
private const val PEER_TIMEOUT_SECONDS = 60
private const val READY_TIMEOUT_MILLIS = 30_000L
private const val PUBLISH_TIMEOUT_MILLIS = 30_000L
private const val RECEIVE_TIMEOUT_MILLIS = 45_000L
private const val EXIT_TIMEOUT_MILLIS = 30_000L
