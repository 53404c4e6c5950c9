package io.wampkit.samples

import io.wampkit.router.auth.WampRealmBuilder
import io.wampkit.router.startServer
import io.wampkit.router.wampRouter
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeout
import kotlin.system.exitProcess

/**
 * Runs a sample: against the router at [url] when given, else on an embedded router on a free port (realm
 * [realm]); prints what [body] says, exits 0 on success and 1 on failure.
 */
internal fun runSampleMain(
    name: String,
    url: String?,
    realm: String,
    configureRealm: WampRealmBuilder.() -> Unit = {},
    body: suspend (url: String, say: (String) -> Unit) -> Unit,
) {
    val ok = runBlocking {
        val router = if (url == null) wampRouter { realm(realm, configureRealm) } else null
        val server = router?.startServer(port = 0)
        val target = url ?: server!!.url
        println("router: ${if (server != null) "embedded, listening on" else "external at"} $target realm $realm")
        try {
            withTimeout(30_000) { body(target) { println(it) } }
            true
        } catch (e: Exception) {
            System.err.println("$name failed: $e")
            false
        } finally {
            router?.close()
            server?.stop()
        }
    }
    println(if (ok) "$name finished" else "$name FAILED")
    exitProcess(if (ok) 0 else 1)
}

/** The value of `--name VALUE` in [args], or null; anything else is an error. */
internal fun sampleOptions(args: Array<String>, vararg names: String): Map<String, String> {
    val out = HashMap<String, String>()
    var i = 0
    while (i < args.size) {
        val a = args[i]
        if (a !in names || i + 1 >= args.size) {
            System.err.println("usage: [${names.joinToString(" ") { "$it VALUE" }}]  (bad argument '$a')")
            exitProcess(2)
        }
        out[a] = args[i + 1]
        i += 2
    }
    return out
}
