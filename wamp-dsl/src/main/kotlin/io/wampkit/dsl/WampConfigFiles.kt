@file:JvmName("WampConfigFiles")

package io.wampkit.dsl

import io.wampkit.dsl.internal.HoconWampConfig
import java.nio.file.Path

/**
 * Reads a component configuration from the HOCON file at [path] (JSON and `.properties` syntax work too),
 * from its [section] (default `wamp`):
 *
 * ```
 * wamp {
 *   url = "ws://127.0.0.1:8080/ws"
 *   url = ${?WAMP_URL}              # the environment variable wins when it is set
 *   realm = realm1
 *   serializers = [cbor, json]
 *   uri-prefix = com.example        # call("auth.whoami") reaches com.example.auth.whoami
 *   credentials { authid = alice, authmethods = [ticket], secret = ${?WAMP_SECRET} }
 *   reconnect { enabled = true, initial-delay = 1s, max-delay = 30s, multiplier = 2, jitter = 0.1, max-attempts = 0 }
 * }
 * ```
 *
 * Substitutions `${NAME}` / `${?NAME}` are looked up in the file first, then in [env] (the process
 * environment by default).
 * @throws IllegalArgumentException naming the file and the setting when the file is missing or a setting is wrong.
 */
public fun loadWampConfig(path: Path, section: String = "wamp", env: Map<String, String> = System.getenv()): WampConfig =
    HoconWampConfig.load(path, section, env)

/** [loadWampConfig] from HOCON [text]. */
public fun parseWampConfig(text: String, section: String = "wamp", env: Map<String, String> = System.getenv()): WampConfig =
    HoconWampConfig.parse(text, "config text", section, env)

/** [loadWampConfig] from the class path resource [name], e.g. `"typed-client.conf"`. */
public fun loadWampConfigResource(name: String, section: String = "wamp", env: Map<String, String> = System.getenv()): WampConfig =
    HoconWampConfig.resource(name, section, env)
