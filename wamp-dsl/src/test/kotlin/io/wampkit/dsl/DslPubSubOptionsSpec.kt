package io.wampkit.dsl

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.wampkit.session.TopicMatch
import io.wampkit.session.publishOptions
import io.wampkit.session.subscribeOptions
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.channels.Channel
import kotlinx.coroutines.flow.take
import kotlinx.coroutines.withTimeout

/** The DSL's PubSub options and typed events flow against the embedded router over WebSocket. */
class DslPubSubOptionsSpec : FunSpec({
    val fx = embeddedRouterForSpec()

    test("typed subscribe with a prefix pattern, typed events flow with get_retained, publish options") {
        val result = CompletableDeferred<Pair<List<Int>, List<Point>>>()
        withTimeout(20_000) {
            wampComponent("pubsub") {
                url = fx.server.url
                onJoin {
                    publish("com.dsl.pos", Point(1, 2), acknowledge = true, options = publishOptions(retain = true))
                    val typed = Channel<Int>(Channel.UNLIMITED)
                    subscribe("com.dsl.n.", subscribeOptions(TopicMatch.PREFIX)) { n: Int -> typed.send(n) }
                    publish("com.dsl.n.a", 1, excludeMe = false, acknowledge = true)
                    publish("com.dsl.n.b", "not an int", excludeMe = false, acknowledge = true) // skipped, logged
                    publish("com.dsl.n.c", 3, excludeMe = false, acknowledge = true,
                        options = publishOptions(eligible = listOf(sessionId)))
                    publish("com.dsl.n.d", 4, excludeMe = false, acknowledge = true,
                        options = publishOptions(exclude = listOf(sessionId)))
                    publish("com.dsl.n.e", 5, excludeMe = false, acknowledge = true)
                    val ints = List(3) { typed.receive() }
                    val points = ArrayList<Point>()
                    events<Point>("com.dsl.pos", subscribeOptions(getRetained = true)).take(2).collect { p ->
                        points += p // the retained one first; then publish a new one while subscribed
                        if (points.size == 1) publish("com.dsl.pos", Point(3, 4), excludeMe = false, acknowledge = true)
                    }
                    result.complete(ints to points)
                    leave()
                }
            }.run()
        }
        val (ints, points) = result.await()
        ints shouldBe listOf(1, 3, 5)
        points shouldBe listOf(Point(1, 2), Point(3, 4))
    }
})
