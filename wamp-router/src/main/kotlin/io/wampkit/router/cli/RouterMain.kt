package io.wampkit.router.cli

import io.wampkit.router.internal.KtorRouterServer
import io.wampkit.router.startServer
import io.wampkit.serialization.serializerNamed
import io.wampkit.router.wampRouter
import kotlinx.coroutines.awaitCancellation
import kotlinx.coroutines.runBlocking
import kotlin.system.exitProcess

/**
 * The standalone router: `java -jar wamp-router.jar [--host H] [--port P] [--path /ws] [--realm R]...`, plus
 * optional RawSocket, `wss://` and RawSocket-over-TLS listeners (see [RouterOptions.USAGE]).
 * Serves until SIGTERM or Ctrl-C, then closes every session with GOODBYE `wamp.close.system_shutdown`.
 */
public fun main(args: Array<String>) {
    val options = try {
        RouterOptions.parse(args)
    } catch (e: IllegalArgumentException) {
        System.err.println("error: ${e.message}")
        System.err.println(RouterOptions.USAGE)
        exitProcess(2)
    }
    if (options.help) {
        println(RouterOptions.USAGE)
        return
    }
    runBlocking {
        val router = wampRouter {
            options.realms.forEach { realm(it) }
            sessionQueueCapacity = options.queueCapacity
            slowConsumerTimeoutMillis = options.slowConsumerTimeoutMillis
        }
        val serializers = options.serializers.mapNotNull { serializerNamed(it) }
        val server = when (options.engine) {
            RouterOptions.ENGINE_NETTY -> router.startServer(options.host, options.port, options.path, serializers)
            else -> KtorRouterServer.start(router, options.host, options.port, options.path, serializers) // for comparisons
        }
        val extra = startExtraListeners(router, options)
        Runtime.getRuntime().addShutdownHook(
            Thread({
                runBlocking {
                    router.close()
                    server.stop()
                    extra.forEach { it.stop() }
                }
            }, "wamp-router-shutdown"),
        )
        println("listening on ${server.url}")
        extra.forEach { println("listening on ${it.url}") }
        System.out.flush()
        awaitCancellation()
    }
}
