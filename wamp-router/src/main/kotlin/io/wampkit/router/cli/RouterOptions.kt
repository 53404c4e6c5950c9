package io.wampkit.router.cli

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
) {
    companion object {
        const val USAGE: String =
            "usage: java -jar wamp-router.jar [--host 127.0.0.1] [--port 8080] [--path /ws] [--realm realm1]... " +
                "[--serializer json|msgpack|cbor]..."

        /** @throws IllegalArgumentException on an unknown option or a bad value. */
        fun parse(args: Array<String>): RouterOptions {
            var options = RouterOptions()
            val realms = ArrayList<String>()
            val serializers = LinkedHashSet<String>()
            var i = 0
            fun value(): String {
                require(i + 1 < args.size) { "${args[i]} needs a value" }
                return args[++i]
            }
            while (i < args.size) {
                when (val arg = args[i]) {
                    "--host" -> options = options.copy(host = value())
                    "--port" -> {
                        val port = value().toIntOrNull()
                        require(port != null && port in 0..65_535) { "--port must be a number in 0..65535" }
                        options = options.copy(port = port)
                    }
                    "--path" -> options = options.copy(path = value().also { require(it.startsWith("/")) { "--path must start with /" } })
                    "--realm" -> realms += value()
                    "--serializer" -> serializers += value().also { name ->
                        require(availableSerializers().any { it.name == name }) {
                            "--serializer must be one of ${availableSerializers().joinToString(", ") { it.name }}, was '$name'"
                        }
                    }
                    "-h", "--help" -> options = options.copy(help = true)
                    else -> throw IllegalArgumentException("unknown option '$arg'")
                }
                i++
            }
            if (serializers.isNotEmpty()) options = options.copy(serializers = serializers.toList())
            return if (realms.isEmpty()) options else options.copy(realms = realms)
        }
    }
}
