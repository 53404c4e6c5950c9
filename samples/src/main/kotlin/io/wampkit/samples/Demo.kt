package io.wampkit.samples

import io.wampkit.router.startServer
import io.wampkit.router.wampRouter
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeout
import kotlin.system.exitProcess

/**
 * The walking-skeleton demo: with no arguments it starts the embedded router on a free port and runs an
 * add2 callee, a caller, a publisher and a subscriber as separate components over real WebSocket
 * connections, prints what they exchange and exits 0. With `--url` (and `--realm`) it uses that router.
 */
fun main(args: Array<String>) {
    val options = try {
        DemoOptions.parse(args)
    } catch (e: IllegalArgumentException) {
        System.err.println("demo: ${e.message}\n${DemoOptions.USAGE}")
        exitProcess(2)
    }
    val ok = runBlocking {
        val router = if (options.url == null) wampRouter { realm(options.realm) } else null
        val server = router?.startServer(port = 0)
        val url = options.url ?: server!!.url
        println("router: ${if (server != null) "embedded, listening on" else "external at"} $url realm ${options.realm}")
        try {
            withTimeout(DEMO_TIMEOUT_MILLIS) { runDemo(url, options.realm, options.events) { println(it) } }
            true
        } catch (e: Exception) {
            System.err.println("demo failed: $e")
            false
        } finally {
            router?.close() // first, so that WebSocket clients still receive its GOODBYE
            server?.stop()
        }
    }
    println(if (ok) "demo finished" else "demo FAILED")
    exitProcess(if (ok) 0 else 1)
}

private const val DEMO_TIMEOUT_MILLIS = 30_000L
