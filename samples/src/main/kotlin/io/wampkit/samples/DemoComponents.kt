package io.wampkit.samples

import io.wampkit.dsl.call
import io.wampkit.dsl.register
import io.wampkit.dsl.subscribe
import io.wampkit.dsl.wampComponent
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.joinAll
import kotlinx.coroutines.launch

/** What the demo exchanged: the add2 results and the counter values the subscriber received. */
data class DemoReport(val sums: List<Int>, val events: List<Int>)

/**
 * Runs the four demo components against the router at [url] and returns what they exchanged. Each
 * component has its own WebSocket connection; [say] receives one line per exchange.
 */
suspend fun runDemo(url: String, realm: String, events: Int, say: (String) -> Unit): DemoReport = coroutineScope {
    val calleeReady = CompletableDeferred<Unit>()
    val subscriberReady = CompletableDeferred<Unit>()
    val calleeDone = CompletableDeferred<Unit>()
    val received = mutableListOf<Int>()
    val sums = mutableListOf<Int>()

    val callee = wampComponent("callee") {
        this.url = url; this.realm = realm
        onJoin {
            register("com.myapp.add2") { a: Int, b: Int -> a + b }
            say("callee: registered com.myapp.add2")
            calleeReady.complete(Unit)
            calleeDone.await()
            leave()
        }
    }
    val subscriber = wampComponent("subscriber") {
        this.url = url; this.realm = realm
        onJoin {
            val allReceived = CompletableDeferred<Unit>()
            subscribe("com.myapp.oncounter") { n: Int ->
                say("subscriber: received counter $n")
                synchronized(received) { received += n; if (received.size == events) allReceived.complete(Unit) }
            }
            subscriberReady.complete(Unit)
            allReceived.await()
            leave()
        }
    }
    val caller = wampComponent("caller") {
        this.url = url; this.realm = realm
        onJoin {
            calleeReady.await()
            for ((a, b) in listOf(2 to 3, 40 to 2, -7 to 7)) {
                val sum: Int = call("com.myapp.add2", a, b)
                say("caller: add2($a, $b) = $sum")
                sums += sum
            }
            calleeDone.complete(Unit)
            leave()
        }
    }
    val publisher = wampComponent("publisher") {
        this.url = url; this.realm = realm
        onJoin {
            subscriberReady.await()
            for (n in 1..events) {
                publish("com.myapp.oncounter", n, acknowledge = true)
                say("publisher: published counter $n")
            }
            leave()
        }
    }
    listOf(callee, subscriber, caller, publisher).map { launch { it.run() } }.joinAll()
    DemoReport(sums.toList(), synchronized(received) { received.toList() })
}
