package io.wampkit.bench

import io.wampkit.message.Hello
import io.wampkit.message.Subscribe
import io.wampkit.serialization.jsonSerializer
import io.wampkit.session.WampSession
import io.wampkit.session.join
import io.wampkit.transport.webSocketConnector
import io.wampkit.value.WampDict
import io.wampkit.value.wampDictOf
import io.wampkit.value.wampListOf
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.delay
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.sync.Semaphore
import java.io.File
import java.util.concurrent.TimeUnit
import java.util.concurrent.atomic.AtomicLong

/**
 * Goal (e) of the lean-data-path issue: a publisher publishing as fast as it can (acknowledged, window 16)
 * and a fast subscriber, first alone, then beside a subscriber that handles one event per 50 ms and one that
 * never reads its socket, through the standalone router in its own JVM with a fixed heap. Prints the rates of
 * both phases, the router's heap after each (jcmd GC.heap_info), and whether the slow sessions were ended.
 *
 * `java -cp bench/target/benchmarks.jar io.wampkit.bench.SlowConsumerBenchKt ROUTER_JAR [seconds] [xmx]`
 */
fun main(args: Array<String>) {
    val jar = args.getOrNull(0) ?: error("usage: SlowConsumerBench ROUTER_JAR [seconds=60] [xmx=256m]")
    val seconds = args.getOrNull(1)?.toInt() ?: 60
    val xmx = args.getOrNull(2) ?: "256m"
    val port = 18_500 + (System.nanoTime() % 400).toInt()
    val log = File.createTempFile("slow-consumer-router", ".log")
    val router = ProcessBuilder("java", "-Xmx$xmx", "-jar", jar, "--host", "127.0.0.1", "--port", "$port", "--realm", "realm1")
        .redirectErrorStream(true).redirectOutput(log).start()
    try {
        val deadline = System.nanoTime() + 30_000_000_000L
        while (!log.readText().contains("listening on ws://")) {
            check(router.isAlive && System.nanoTime() < deadline) { "router did not start: ${log.readText()}" }
            Thread.sleep(100)
        }
        val url = "ws://127.0.0.1:$port/ws"
        runBlocking(Dispatchers.Default) {
            val alone = phase(url, seconds, crowd = false)
            val heapAlone = heapUsed(router.pid())
            val crowded = phase(url, seconds, crowd = true)
            val heapCrowd = heapUsed(router.pid())
            println()
            println("| phase ($seconds s, router -Xmx$xmx) | publisher pubs/s | fast subscriber events/s | slow (50 ms/event), client's view | stuck (never reads), client's view | sessions the router still serves at the end | router heap used after (full GC) |")
            println("|---|---:|---:|---|---|---:|---:|")
            println("| alone | %,.0f | %,.0f | - | - | %d | %s |".format(alone.pubRate, alone.fastRate, alone.routerSessions, heapAlone))
            println("| with slow + stuck | %,.0f (%.0f %%) | %,.0f (%.0f %%) | %s | %s | %d | %s |".format(
                crowded.pubRate, 100 * crowded.pubRate / alone.pubRate, crowded.fastRate, 100 * crowded.fastRate / alone.fastRate,
                crowded.slow, crowded.stuck, crowded.routerSessions, heapCrowd,
            ))
            println("SLOWCONSUMER alone_pub=%.0f alone_fast=%.0f crowd_pub=%.0f crowd_fast=%.0f heap_alone=%s heap_crowd=%s".format(
                alone.pubRate, alone.fastRate, crowded.pubRate, crowded.fastRate, heapAlone, heapCrowd,
            ))
        }
        check(router.isAlive) { "the router died: ${log.readText().takeLast(2000)}" }
        println("router log: ${log.readLines().filter { "slow_consumer" in it || "dropping" in it }.take(6).joinToString(" | ")}")
    } finally {
        router.destroy()
        router.waitFor(10, TimeUnit.SECONDS)
        log.delete()
    }
}

private class Phase(val pubRate: Double, val fastRate: Double, val slow: String, val stuck: String, val routerSessions: Long)

private suspend fun phase(url: String, seconds: Int, crowd: Boolean): Phase = coroutineScope {
    val topic = "com.example.flood"
    val connector = webSocketConnector(url, jsonSerializer())
    val fast = connector.join("realm1")
    val fastCount = AtomicLong()
    fast.subscribe(topic) { fastCount.incrementAndGet() }
    var slow: WampSession? = null
    val slowCount = AtomicLong()
    var stuck: io.wampkit.transport.WampTransport? = null
    if (crowd) {
        slow = connector.join("realm1").also { s -> s.subscribe(topic) { slowCount.incrementAndGet(); delay(50) } }
        // a raw connection that subscribes and then never reads again
        stuck = connector.connect().also { t ->
            t.send(Hello("realm1", wampDictOf("roles" to mapOf("subscriber" to emptyMap<String, Any>()))))
            t.receive()
            t.send(Subscribe(1, WampDict.EMPTY, topic))
            t.receive()
        }
    }
    val publisher = connector.join("realm1")
    val window = Semaphore(16)
    val published = AtomicLong()
    val payload = wampListOf("x".repeat(100))
    val end = System.nanoTime() + seconds * 1_000_000_000L
    val t0 = System.nanoTime()
    val f0 = fastCount.get()
    val failed = AtomicLong()
    while (System.nanoTime() < end) {
        window.acquire()
        launch {
            try {
                publisher.publish(topic, payload, acknowledge = true)
                published.incrementAndGet()
            } catch (e: io.wampkit.WampException) {
                failed.incrementAndGet()
            } finally {
                window.release()
            }
        }
    }
    repeat(16) { window.acquire() } // the last acknowledgements
    val elapsed = (System.nanoTime() - t0) / 1e9
    check(failed.get() == 0L) { "${failed.get()} publications failed" }
    val fastRate = (fastCount.get() - f0) / elapsed
    val pubRate = published.get() / elapsed
    // the router's view: sessions still joined (publisher and fast subscriber: 2 once slow and stuck are gone)
    val routerSessions = (publisher.call("wamp.session.count").args[0] as io.wampkit.value.WampInt).value
    val slowState = slow?.let { if (it.isActive) "connected, ${slowCount.get()} handled" else "disconnected after ${slowCount.get()} handled" } ?: "-"
    val stuckState = stuck?.let { t ->
        val ended = runCatching { kotlinx.coroutines.withTimeoutOrNull(5_000) { while (true) t.receive() } }.exceptionOrNull()
        if (ended is io.wampkit.WampConnectionClosedException) "disconnected" else "connected"
    } ?: "-"
    for (s in listOfNotNull(publisher, fast, slow)) runCatching { s.leave() }
    stuck?.close()
    Phase(pubRate, fastRate, slowState, stuckState, routerSessions)
}

/** The router's used heap after a full GC, from `jcmd PID GC.heap_info`, e.g. `23 MB`. */
private fun heapUsed(pid: Long): String {
    ProcessBuilder("jcmd", "$pid", "GC.run").redirectErrorStream(true).start().waitFor(30, TimeUnit.SECONDS)
    val out = ProcessBuilder("jcmd", "$pid", "GC.heap_info").redirectErrorStream(true).start().let {
        it.waitFor(30, TimeUnit.SECONDS)
        it.inputStream.bufferedReader().readText()
    }
    // the first "used" is the Java heap's (Metaspace follows)
    val used = Regex("""used (\d+)K""").find(out)?.groupValues?.get(1)?.toLong() ?: return "?"
    return "${used / 1024} MB"
}
