package io.wampkit.router.cli

import io.wampkit.router.WampRouterBuilder
import io.wampkit.serialization.availableSerializers

/** Command line of the standalone router. */
internal data class RouterOptions(
    val host: String = "127.0.0.1",
    val port: Int = 8080,
    val path: String = "/ws",
    val realms: List<String> = listOf("realm1"),
    val help: Boolean = false,
    /** Serializer names the WebSocket listener accepts (`--serializer`, repeatable); all of them by default. */
    val serializers: List<String> = availableSerializers().map { it.name },
    /** RawSocket (TCP) listener port; none when null. */
    val rawSocketPort: Int? = null,
    /** `wss://` listener port (needs TLS material); none when null. */
    val wssPort: Int? = null,
    /** RawSocket-over-TLS listener port (needs TLS material); none when null. */
    val rawSocketTlsPort: Int? = null,
    val tlsKeyStore: String? = null,
    val tlsKeyStorePassword: String? = null,
    val tlsCertificate: String? = null,
    val tlsKey: String? = null,
    /** Flow control: messages that may wait for one session (`--queue-capacity`). */
    val queueCapacity: Int = WampRouterBuilder.DEFAULT_SESSION_QUEUE_CAPACITY,
    /** Flow control: how long a session may keep losing events before it is disconnected (`--slow-consumer-timeout-ms`, 0 never). */
    val slowConsumerTimeoutMillis: Long = WampRouterBuilder.DEFAULT_SLOW_CONSUMER_TIMEOUT_MILLIS,
    /** The `ws://` listener's engine (`--engine`): Netty used directly (default), or Ktor's CIO server for comparison. */
    val engine: String = ENGINE_NETTY,
) {
    /** True when a TLS listener is asked for. */
    val usesTls: Boolean get() = wssPort != null || rawSocketTlsPort != null

    override fun toString(): String =
        "RouterOptions(host=$host, port=$port, path=$path, realms=$realms, rawSocketPort=$rawSocketPort, " +
            "wssPort=$wssPort, rawSocketTlsPort=$rawSocketTlsPort, tlsKeyStore=$tlsKeyStore, tlsCertificate=$tlsCertificate)"

    companion object {
        const val ENGINE_NETTY: String = "netty"
        const val ENGINE_KTOR_CIO: String = "ktor-cio"
        private val ENGINES = listOf(ENGINE_NETTY, ENGINE_KTOR_CIO)

        const val USAGE: String =
            "usage: java -jar wamp-router.jar [--host 127.0.0.1] [--port 8080] [--path /ws] [--realm realm1]... " +
                "[--serializer json|msgpack|cbor]...\n" +
                "         [--queue-capacity N] [--slow-consumer-timeout-ms MS] [--engine netty|ktor-cio]\n" +
                "         [--rawsocket-port P] [--wss-port P] [--rawsocket-tls-port P]\n" +
                "         [--tls-keystore FILE.p12 --tls-keystore-password PW | --tls-cert CHAIN.pem --tls-key KEY.pem]\n" +
                "  --queue-capacity       messages that may wait for one session (default ${WampRouterBuilder.DEFAULT_SESSION_QUEUE_CAPACITY});\n" +
                "                         beyond it events to that session are dropped and counted, replies are kept\n" +
                "  --slow-consumer-timeout-ms  disconnect a session that keeps losing events this long\n" +
                "                         (default ${WampRouterBuilder.DEFAULT_SLOW_CONSUMER_TIMEOUT_MILLIS}; 0: never)\n" +
                "  --engine               the ws:// listener: netty (default, Netty used directly) or ktor-cio\n" +
                "                         (or set WAMPKIT_ROUTER_ENGINE), for comparisons\n" +
                "  --rawsocket-port       also serve RawSocket (rs://host:P)\n" +
                "  --wss-port             also serve WebSocket over TLS (wss://host:P/path)\n" +
                "  --rawsocket-tls-port   also serve RawSocket over TLS (rss://host:P)\n" +
                "  --tls-keystore         PKCS12 or JKS key store with the router's key and certificate chain\n" +
                "  --tls-keystore-password  its password (or set WAMPKIT_TLS_KEYSTORE_PASSWORD)\n" +
                "  --tls-cert, --tls-key  PEM certificate chain and unencrypted PKCS#8 PEM private key"

        /** @throws IllegalArgumentException on an unknown option or a bad value. */
        fun parse(args: Array<String>, env: (String) -> String? = System::getenv): RouterOptions {
            var options = RouterOptions()
            val realms = ArrayList<String>()
            val serializers = LinkedHashSet<String>()
            var i = 0
            fun value(): String {
                require(i + 1 < args.size) { "${args[i]} needs a value" }
                return args[++i]
            }
            fun port(name: String): Int {
                val port = value().toIntOrNull()
                require(port != null && port in 0..65_535) { "$name must be a number in 0..65535" }
                return port
            }
            while (i < args.size) {
                when (val arg = args[i]) {
                    "--host" -> options = options.copy(host = value())
                    "--port" -> options = options.copy(port = port("--port"))
                    "--path" -> options = options.copy(path = value().also { require(it.startsWith("/")) { "--path must start with /" } })
                    "--realm" -> realms += value()
                    "--serializer" -> serializers += value().also { name ->
                        require(availableSerializers().any { it.name == name }) {
                            "--serializer must be one of ${availableSerializers().joinToString(", ") { it.name }}, was '$name'"
                        }
                    }
                    "--queue-capacity" -> options = options.copy(
                        queueCapacity = value().toIntOrNull()?.takeIf { it > 0 } ?: throw IllegalArgumentException("--queue-capacity must be a positive number"),
                    )
                    "--slow-consumer-timeout-ms" -> options = options.copy(
                        slowConsumerTimeoutMillis = value().toLongOrNull()?.takeIf { it >= 0 }
                            ?: throw IllegalArgumentException("--slow-consumer-timeout-ms must be a number >= 0"),
                    )
                    "--engine" -> options = options.copy(
                        engine = value().also { require(it in ENGINES) { "--engine must be one of ${ENGINES.joinToString(", ")}, was '$it'" } },
                    )
                    "--rawsocket-port" -> options = options.copy(rawSocketPort = port(arg))
                    "--wss-port" -> options = options.copy(wssPort = port(arg))
                    "--rawsocket-tls-port" -> options = options.copy(rawSocketTlsPort = port(arg))
                    "--tls-keystore" -> options = options.copy(tlsKeyStore = value())
                    "--tls-keystore-password" -> options = options.copy(tlsKeyStorePassword = value())
                    "--tls-cert" -> options = options.copy(tlsCertificate = value())
                    "--tls-key" -> options = options.copy(tlsKey = value())
                    "-h", "--help" -> options = options.copy(help = true)
                    else -> throw IllegalArgumentException("unknown option '$arg'")
                }
                i++
            }
            if (serializers.isNotEmpty()) options = options.copy(serializers = serializers.toList())
            if ("--engine" !in args) {
                env("WAMPKIT_ROUTER_ENGINE")?.let { engine ->
                    require(engine in ENGINES) { "WAMPKIT_ROUTER_ENGINE must be one of ${ENGINES.joinToString(", ")}, was '$engine'" }
                    options = options.copy(engine = engine)
                }
            }
            if (options.tlsKeyStore != null && options.tlsKeyStorePassword == null) {
                options = options.copy(tlsKeyStorePassword = env("WAMPKIT_TLS_KEYSTORE_PASSWORD"))
            }
            validateTls(options)
            return if (realms.isEmpty()) options else options.copy(realms = realms)
        }

        private fun validateTls(options: RouterOptions) {
            val keyStore = options.tlsKeyStore != null
            val pem = options.tlsCertificate != null || options.tlsKey != null
            require(!(keyStore && pem)) { "give either --tls-keystore or --tls-cert/--tls-key, not both" }
            require(!pem || (options.tlsCertificate != null && options.tlsKey != null)) { "--tls-cert and --tls-key go together" }
            require(!keyStore || options.tlsKeyStorePassword != null) {
                "--tls-keystore needs --tls-keystore-password (or WAMPKIT_TLS_KEYSTORE_PASSWORD)"
            }
            require(!options.usesTls || keyStore || pem) { "--wss-port and --rawsocket-tls-port need --tls-keystore or --tls-cert/--tls-key" }
        }
    }
}
