package io.wampkit.samples

/** Command line of the demo: `[--url ws://...] [--realm realm1] [--events N]`. */
internal data class DemoOptions(val url: String?, val realm: String, val events: Int) {
    companion object {
        const val USAGE = "usage: demo [--url ws://HOST:PORT/PATH] [--realm REALM] [--events N]"

        /** Parses [args]; throws IllegalArgumentException with a message fit for the user. */
        fun parse(args: Array<String>): DemoOptions {
            var url: String? = null
            var realm = "realm1"
            var events = 5
            var i = 0
            fun value(name: String): String {
                require(i + 1 < args.size) { "$name needs a value" }
                return args[++i]
            }
            while (i < args.size) {
                when (val a = args[i]) {
                    "--url", "-u" -> url = value(a)
                    "--realm", "-r" -> realm = value(a)
                    "--events" -> events = value(a).toIntOrNull()?.takeIf { it in 1..10_000 }
                        ?: throw IllegalArgumentException("--events takes a number from 1 to 10000")
                    else -> throw IllegalArgumentException("unknown argument '$a'")
                }
                i++
            }
            return DemoOptions(url, realm, events)
        }
    }
}
