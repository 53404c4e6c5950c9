package io.wampkit.dsl.internal

import com.typesafe.config.Config
import com.typesafe.config.ConfigException
import com.typesafe.config.ConfigFactory
import com.typesafe.config.ConfigParseOptions
import com.typesafe.config.ConfigResolveOptions
import com.typesafe.config.ConfigResolver
import com.typesafe.config.ConfigValue
import com.typesafe.config.ConfigValueFactory
import io.wampkit.dsl.ReconnectConfig
import io.wampkit.dsl.WampConfig
import io.wampkit.dsl.WampCredentials
import io.wampkit.message.WampUris
import io.wampkit.serialization.serializerNamed
import java.nio.file.Files
import java.nio.file.Path
import kotlin.time.toKotlinDuration

/** Reads [WampConfig] from HOCON with Typesafe Config. */
internal object HoconWampConfig {
    fun load(path: Path, section: String, env: Map<String, String>): WampConfig {
        require(Files.isRegularFile(path)) { "wamp config $path: no such file" }
        return read(path.toString(), section, env) { ConfigFactory.parseFile(path.toFile(), it) }
    }

    fun parse(text: String, origin: String, section: String, env: Map<String, String>): WampConfig =
        read(origin, section, env) { ConfigFactory.parseString(text, it.setOriginDescription(origin)) }

    fun resource(name: String, section: String, env: Map<String, String>): WampConfig {
        val loader = Thread.currentThread().contextClassLoader ?: HoconWampConfig::class.java.classLoader
        requireNotNull(loader.getResource(name)) { "wamp config $name: no such class path resource" }
        return read(name, section, env) { ConfigFactory.parseResources(loader, name, it) }
    }

    private fun read(origin: String, section: String, env: Map<String, String>, parse: (ConfigParseOptions) -> Config): WampConfig {
        try {
            val raw = parse(ConfigParseOptions.defaults().setAllowMissing(false))
            val resolved = raw.resolve(ConfigResolveOptions.defaults().setUseSystemEnvironment(false).appendResolver(EnvResolver(env)))
            require(resolved.hasPath(section)) { "wamp config $origin: no '$section' section" }
            return toWampConfig(resolved.getConfig(section))
        } catch (e: ConfigException) {
            throw IllegalArgumentException("wamp config $origin: ${e.message}", e)
        } catch (e: IllegalArgumentException) {
            if (e.message?.startsWith("wamp config") == true) throw e
            throw IllegalArgumentException("wamp config $origin: ${e.message}", e)
        }
    }

    private fun toWampConfig(c: Config): WampConfig {
        val realm = c.string("realm") ?: "realm1"
        require(WampUris.isValidUri(realm)) { "realm '$realm' is not a valid URI" }
        val serializers = c.strings("serializers")
        serializers.forEach { require(serializerNamed(it) != null) { "serializers: unknown serializer '$it' (json, msgpack, cbor)" } }
        val prefix = c.string("uri-prefix")?.removeSuffix(".")?.ifEmpty { null }
        require(prefix == null || WampUris.isValidUri(prefix)) { "uri-prefix '$prefix' is not a valid URI" }
        return WampConfig(
            url = c.string("url"),
            realm = realm,
            serializers = serializers,
            uriPrefix = prefix,
            absolutePrefixes = if (c.hasPath("absolute-prefixes")) c.strings("absolute-prefixes") else WampConfig.DEFAULT_ABSOLUTE_PREFIXES,
            credentials = if (c.hasPath("credentials")) credentials(c.getConfig("credentials")) else null,
            reconnect = if (c.hasPath("reconnect")) reconnect(c.getConfig("reconnect")) else ReconnectConfig(),
        )
    }

    private fun credentials(c: Config) = WampCredentials(
        authId = c.string("authid") ?: throw IllegalArgumentException("credentials: authid is missing"),
        authMethods = c.strings("authmethods"),
        secret = c.string("secret"),
        authRole = c.string("authrole"),
    )

    private fun reconnect(c: Config): ReconnectConfig {
        val d = ReconnectConfig()
        return ReconnectConfig(
            enabled = if (c.hasPath("enabled")) c.getBoolean("enabled") else true,
            initialDelay = if (c.hasPath("initial-delay")) c.getDuration("initial-delay").toKotlinDuration() else d.initialDelay,
            maxDelay = if (c.hasPath("max-delay")) c.getDuration("max-delay").toKotlinDuration() else d.maxDelay,
            multiplier = if (c.hasPath("multiplier")) c.getDouble("multiplier") else d.multiplier,
            jitter = if (c.hasPath("jitter")) c.getDouble("jitter") else d.jitter,
            maxAttempts = if (c.hasPath("max-attempts")) c.getInt("max-attempts") else d.maxAttempts,
        )
    }

    private fun Config.string(path: String): String? = if (hasPath(path)) getString(path) else null

    private fun Config.strings(path: String): List<String> = if (hasPath(path)) getStringList(path) else emptyList()

    /** `${NAME}` falls back to [env] (not to the real environment, so tests can pass their own). */
    private class EnvResolver(private val env: Map<String, String>) : ConfigResolver {
        override fun lookup(path: String): ConfigValue? = env[path]?.let { ConfigValueFactory.fromAnyRef(it, "environment variable $path") }

        override fun withFallback(fallback: ConfigResolver): ConfigResolver = this
    }
}
