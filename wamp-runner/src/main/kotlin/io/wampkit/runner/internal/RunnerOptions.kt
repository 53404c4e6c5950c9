package io.wampkit.runner.internal

import io.wampkit.message.WampUris
import io.wampkit.serialization.availableSerializers

/** The runner's command line, after flags have overridden the `WAMP_*` environment variables. */
internal data class RunnerOptions(
    /** Class names and `.wamp.kts` paths, in order. */
    val components: List<String>,
    /** Router URL; null starts the embedded router. */
    val url: String?,
    val realm: String = "realm1",
    val extraFile: String? = null,
    /** SLF4J (slf4j-simple) level name: error, warn, info or debug. */
    val logLevel: String = "info",
    val serializers: List<String> = listOf("json"),
    val necromancy: Boolean = false,
    /** Seconds between restarts with necromancy; null: Autobahn's backoff. */
    val necromancySleep: Int? = null,
    val shutdownTimeoutSeconds: Int = 10,
    /** Port of the embedded router; 0 picks a free one. */
    val routerPort: Int = 0,
    val help: Boolean = false,
) {
    companion object {
        const val USAGE: String = """usage: java -jar wamp-runner.jar -c COMPONENT [-c COMPONENT]... [options]
  -c, --component NAME|FILE   a component class or object name (implementing io.wampkit.runner.RunnerComponent)
                              or a *.wamp.kts script path; repeatable (env WAMP_COMPONENT, comma-separated)
  -u, --url URL               router WebSocket URL (env WAMP_URL); without one, an embedded router is started
  -r, --realm REALM           realm to join (env WAMP_REALM; default realm1)
  -e, --extra-file FILE       JSON object handed to the component as its config (several components: keyed by name)
  -s, --use-ssl               connect with TLS (turns a ws:// URL into wss://)
  -l, --loglevel LEVEL        critical, error, warning, info (default) or debug
      --serializers NAME      json, msgpack or cbor; repeatable, in order of preference (default json)
  -n, --necromancy            restart components that fail
      --necromancy-sleep N    seconds between restarts (implies -n; default: backoff from 1.5 s)
      --shutdown-timeout N    seconds in-flight calls get on SIGTERM/SIGINT (default 10)
      --router-port N         port of the embedded router (default: a free one)
  -h, --help                  this help"""

        private val LOG_LEVELS = mapOf("critical" to "error", "error" to "error", "warning" to "warn", "info" to "info", "debug" to "debug")

        /** @throws IllegalArgumentException on an unknown option, a missing or bad value, or no component. */
        fun parse(args: Array<String>, env: Map<String, String> = System.getenv()): RunnerOptions {
            val components = ArrayList<String>()
            val serializers = ArrayList<String>()
            var url: String? = env["WAMP_URL"]?.takeIf { it.isNotBlank() }
            var realm = env["WAMP_REALM"]?.takeIf { it.isNotBlank() } ?: "realm1"
            var extra: String? = null
            var ssl = false
            var level = "info"
            var necromancy = false
            var sleep: Int? = null
            var shutdown = 10
            var routerPort = 0
            var help = false
            val queue = ArrayDeque(args.flatMap { splitEquals(it) })
            while (queue.isNotEmpty()) {
                val arg = queue.removeFirst()
                fun value(): String = queue.removeFirstOrNull()?.takeUnless { it.startsWith("-") && it.length > 1 }
                    ?: throw IllegalArgumentException("$arg needs a value")
                fun number(min: Int, max: Int): Int = value().let { v ->
                    v.toIntOrNull()?.takeIf { it in min..max } ?: throw IllegalArgumentException("$arg must be a number in $min..$max, was '$v'")
                }
                when (arg) {
                    "-c", "--component" -> components += value()
                    "-u", "--url" -> url = value()
                    "-r", "--realm" -> realm = value()
                    "-e", "--extra-file" -> extra = value()
                    "-s", "--use-ssl" -> ssl = true
                    "-l", "--loglevel" -> level = value().lowercase().let { name ->
                        LOG_LEVELS[name] ?: throw IllegalArgumentException("$arg must be one of ${LOG_LEVELS.keys.joinToString(", ")}, was '$name'")
                    }
                    "--serializers" -> serializers += value().also { name ->
                        require(availableSerializers().any { it.name == name }) {
                            "$arg must be one of ${availableSerializers().joinToString(", ") { it.name }}, was '$name'"
                        }
                        require(name !in serializers) { "$arg '$name' given twice" }
                    }
                    "-n", "--necromancy" -> necromancy = true
                    "--necromancy-sleep" -> sleep = number(0, 86_400).also { necromancy = true }
                    "--shutdown-timeout" -> shutdown = number(0, 3_600)
                    "--router-port" -> routerPort = number(0, 65_535)
                    "-h", "--help" -> help = true
                    else -> throw IllegalArgumentException("unknown option '$arg'")
                }
            }
            if (components.isEmpty()) env["WAMP_COMPONENT"]?.split(',')?.map { it.trim() }?.filter { it.isNotEmpty() }?.let { components += it }
            if (!help) {
                require(components.isNotEmpty()) { "no component: give -c/--component (or WAMP_COMPONENT)" }
                require(WampUris.isValidUri(realm)) { "'$realm' is not a valid realm URI" }
                url?.let { require(it.startsWith("ws://") || it.startsWith("wss://")) { "--url must start with ws:// or wss://, was '$it'" } }
                require(!ssl || url != null) { "--use-ssl needs --url: the embedded router listens without TLS" }
                require(url == null || routerPort == 0) { "--router-port is for the embedded router, not with --url" }
            }
            if (ssl) url = url?.replaceFirst("ws://", "wss://")
            return RunnerOptions(
                components.toList(), url, realm, extra, level, serializers.ifEmpty { listOf("json") },
                necromancy, sleep, shutdown, routerPort, help,
            )
        }

        /** `--name=value` as two arguments. */
        private fun splitEquals(arg: String): List<String> {
            val eq = arg.indexOf('=')
            return if (arg.startsWith("--") && eq > 2) listOf(arg.substring(0, eq), arg.substring(eq + 1)) else listOf(arg)
        }
    }
}
