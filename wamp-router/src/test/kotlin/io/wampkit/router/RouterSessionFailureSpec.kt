package io.wampkit.router

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.types.shouldBeInstanceOf
import io.wampkit.WampErrors
import io.wampkit.message.Abort
import io.wampkit.message.Hello
import io.wampkit.message.Subscribe
import io.wampkit.message.Subscribed
import io.wampkit.message.WampMessage
import io.wampkit.message.Welcome
import io.wampkit.transport.OutboundMessage
import io.wampkit.transport.SendResult
import io.wampkit.transport.WampTransport
import io.wampkit.transport.inMemoryTransportPair
import io.wampkit.value.WampDict
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.cancelAndJoin
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.launch
import kotlinx.coroutines.withTimeout

/** How a router session ends when something unexpected happens: never silently, never as a ghost. */
class RouterSessionFailureSpec : FunSpec({
    test("an unexpected failure while serving a session ends only that session, with ABORT runtime_error") {
        val router = wampRouter { realm("realm1") }
        try {
            coroutineScope {
                val bystander = router.rawPeer(this).apply { hello() }
                val aborted = CompletableDeferred<Abort>()
                // a transport whose second receive() fails with something that is no WAMP or connection error
                val broken = object : WampTransport {
                    var reads = 0
                    override val description = "broken"
                    override suspend fun send(message: WampMessage) {
                        if (message is Abort) aborted.complete(message)
                    }
                    override fun trySend(message: OutboundMessage): SendResult {
                        (message.message as? Abort)?.let { aborted.complete(it) }
                        return SendResult.QUEUED
                    }
                    override suspend fun receive(): WampMessage =
                        if (reads++ == 0) Hello("realm1", RawPeer.ALL_ROLES) else throw IllegalStateException("disk on fire")
                    override suspend fun close() = Unit
                }
                withTimeout(5_000) { router.serve(broken) }
                val abort = withTimeout(5_000) { aborted.await() }
                abort.reason shouldBe WampErrors.RUNTIME_ERROR
                router.sessionCount("realm1") shouldBe 1 // the bystander only
                bystander.send(Subscribe(1, WampDict.EMPTY, "com.example.still.here"))
                bystander.expect<Subscribed>()
                bystander.close()
            }
        } finally {
            router.close()
        }
    }

    test("sessions cancelled right after joining, while a meta subscriber does not read, are all detached") {
        val router = wampRouter { realm("realm1") }
        try {
            coroutineScope {
                // a watcher of wamp.session.on_join whose one-message buffer is full from the first event on
                val (watcher, watcherSide) = inMemoryTransportPair(capacity = 1, name = "watcher")
                val watcherServed = launch { router.serve(watcherSide) }
                watcher.send(Hello("realm1", RawPeer.ALL_ROLES))
                watcher.receive().shouldBeInstanceOf<Welcome>()
                watcher.send(Subscribe(1, WampDict.EMPTY, "wamp.session.on_join"))
                watcher.receive().shouldBeInstanceOf<Subscribed>()
                repeat(50) {
                    val (client, routerSide) = inMemoryTransportPair(name = "joiner $it")
                    val served = launch { router.serve(routerSide) }
                    client.send(Hello("realm1", RawPeer.ALL_ROLES))
                    // the router no longer waits for the watcher while attaching: WELCOME arrives
                    withTimeout(5_000) { client.receive() }.shouldBeInstanceOf<Welcome>()
                    served.cancelAndJoin()
                }
                router.sessionCount("realm1") shouldBe 1 // the watcher; no ghost of a cancelled joiner
                watcher.close()
                watcherServed.join()
            }
        } finally {
            router.close()
        }
    }
})
