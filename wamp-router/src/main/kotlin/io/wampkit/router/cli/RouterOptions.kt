package io.wampkit.router.cli

/** Command line of the standalone router. */
internal data class RouterOptions(
    val host: String = "127.0.0.1",
    val port: Int = 8080,
    val path: String = "/ws",
    val realms: List<String> = listOf("realm1"),
    val help: Boolean = false,
) {
    companion object {
        const val USAGE: String =
            "usage: java -jar wamp-router.jar [--host 127.0.0.1] [--port 8080] [--path /ws] [--realm realm1]..."

        /** @throws IllegalArgumentException on an unknown option or a bad value. */
        fun parse(args: Array<String>): RouterOptions {
            var options = RouterOptions()
            val realms = ArrayList<String>()
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
                    "-h", "--help" -> options = options.copy(help = true)
                    else -> throw IllegalArgumentException("unknown option '$arg'")
                }
                i++
            }
            return if (realms.isEmpty()) options else options.copy(realms = realms)
        }
    }
}
