package io.wampkit.bench

import io.ktor.client.HttpClient
import io.ktor.client.engine.HttpClientEngineFactory
import io.ktor.client.engine.cio.CIO
import io.ktor.client.engine.java.Java
import io.ktor.client.plugins.websocket.WebSockets
import io.wampkit.router.WampRouter
import io.wampkit.router.startServer
import io.wampkit.router.wamp
import io.ktor.server.application.Application
import io.ktor.server.application.install
import io.ktor.server.cio.CIO as ServerCIO
import io.ktor.server.engine.embeddedServer
import io.ktor.server.netty.Netty as ServerNetty
import io.ktor.server.routing.routing
import io.ktor.server.websocket.WebSockets as ServerWebSockets
import io.wampkit.router.wampRouter
import io.wampkit.serialization.jsonSerializer
import io.wampkit.session.CallResult
import io.wampkit.session.join
import io.wampkit.transport.WampConnector
import io.wampkit.transport.boundedForWamp
import io.wampkit.transport.webSocketConnector
import io.wampkit.value.WampInt
import io.wampkit.value.wampListOf
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.joinAll
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import java.util.concurrent.atomic.AtomicLong

/**
 * Chooses the transport by numbers: the add2 round trip over WebSocket through the WampKit router, for each
 * client engine (Netty used directly, Ktor CIO, Ktor Java) and each router listener (Netty used directly; the
 * router mounted with `Route.wamp` in a Ktor CIO or Ktor Netty server), in one JVM on loopback. Prints p50/p99 of CALLS sequential calls and calls/s with 16 outstanding for
 * SECONDS, as `TRANSPORT` lines and a Markdown table.
 *
 * `java -cp bench/target/benchmarks.jar io.wampkit.bench.TransportBenchKt [calls] [seconds]`
 */
fun main(args: Array<String>) = runBlocking(Dispatchers.Default) {
    val calls = args.getOrNull(0)?.toInt() ?: 5_000
    val seconds = args.getOrNull(1)?.toInt() ?: 5
    val rows = ArrayList<String>()
    for (routerEngine in listOf("netty", "ktor-cio", "ktor-netty")) {
        val router = wampRouter { realm("realm1") }
        val server = startListener(router, routerEngine)
        for (clientEngine in listOf("netty", "ktor-cio", "ktor-java")) {
            val (connector, client) = connector(server.url, clientEngine)
            try {
                val r = measure(connector, calls, seconds)
                val line = "TRANSPORT client=$clientEngine router=$routerEngine p50_us=%.1f p99_us=%.1f calls_per_s=%.0f".format(r.first, r.second, r.third)
                println(line)
                rows += "| $clientEngine | $routerEngine | %.0f | %.0f | %,.0f |".format(r.first, r.second, r.third)
            } finally {
                client?.close()
            }
        }
        server.stop()
        router.close()
    }
    println()
    println("| client engine | router listener | p50 µs | p99 µs | calls/s @16 |")
    println("|---|---|---:|---:|---:|")
    rows.forEach(::println)
}

/** A listener of [router]: its own (Netty used directly), or the router mounted in a Ktor server (`Route.wamp`). */
private suspend fun startListener(router: WampRouter, engine: String): Listener {
    if (engine == "netty") return router.startServer(port = 0).let { Listener(it.url) { it.stop() } }
    val module: Application.() -> Unit = {
        install(ServerWebSockets) { channels { boundedForWamp(router.sessionQueueCapacity) } }
        routing { wamp(router, "/ws") }
    }
    val server = if (engine == "ktor-cio") {
        embeddedServer(ServerCIO, host = "127.0.0.1", port = 0, module = module)
    } else {
        embeddedServer(ServerNetty, host = "127.0.0.1", port = 0, module = module)
    }
    server.startSuspend(wait = false)
    val port = server.engine.resolvedConnectors().first().port
    return Listener("ws://127.0.0.1:$port/ws") { server.stopSuspend(100, 1_000) }
}

private class Listener(val url: String, val stop: suspend () -> Unit)

private fun connector(url: String, engine: String): Pair<WampConnector, HttpClient?> {
    fun ktor(factory: HttpClientEngineFactory<*>) = HttpClient(factory) { install(WebSockets) { channels { boundedForWamp() } } }
    return when (engine) {
        "netty" -> webSocketConnector(url, jsonSerializer()) to null
        "ktor-cio" -> ktor(CIO).let { webSocketConnector(url, jsonSerializer(), it) to it }
        else -> ktor(Java).let { webSocketConnector(url, jsonSerializer(), it) to it }
    }
}

/** (p50 µs, p99 µs, calls/s) of add2 between a callee and a caller of [connector]. */
private suspend fun measure(connector: WampConnector, calls: Int, seconds: Int): Triple<Double, Double, Double> {
    val callee = connector.join("realm1")
    val caller = connector.join("realm1")
    try {
        callee.register("com.example.add2") { inv ->
            CallResult.of((inv.args[0] as WampInt).value + (inv.args[1] as WampInt).value)
        }
        repeat(2_000) { caller.call("com.example.add2", wampListOf(it, 1)) } // warm-up
        val us = DoubleArray(calls)
        for (i in 0 until calls) {
            val t0 = System.nanoTime()
            caller.call("com.example.add2", wampListOf(i, 1))
            us[i] = (System.nanoTime() - t0) / 1_000.0
        }
        us.sort()
        val done = AtomicLong()
        val end = System.nanoTime() + seconds * 1_000_000_000L
        val t0 = System.nanoTime()
        coroutineScope {
            List(16) {
                launch {
                    while (System.nanoTime() < end) {
                        caller.call("com.example.add2", wampListOf(1, 2))
                        done.incrementAndGet()
                    }
                }
            }.joinAll()
        }
        val rate = done.get() / ((System.nanoTime() - t0) / 1e9)
        return Triple(us[(calls * 0.50).toInt() - 1], us[(calls * 0.99).toInt() - 1], rate)
    } finally {
        caller.leave()
        callee.leave()
    }
}
