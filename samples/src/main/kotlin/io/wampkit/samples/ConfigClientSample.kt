package io.wampkit.samples

import io.wampkit.dsl.WampConfig
import io.wampkit.dsl.call
import io.wampkit.dsl.loadWampConfig
import io.wampkit.dsl.loadWampConfigResource
import io.wampkit.dsl.register
import io.wampkit.dsl.wampComponent
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.launch
import kotlinx.serialization.Serializable
import io.wampkit.router.auth.WampRealmBuilder
import java.nio.file.Path

@Serializable
data class WhoAmI(val procedure: String, val authid: String)

/**
 * The config-file sample: an auth service and a client, both configured by [config] (URI prefix
 * `com.example`), so `register("auth.whoami")` and `call("auth.whoami")` meet at `com.example.auth.whoami`.
 */
suspend fun runConfigSample(config: WampConfig, say: (String) -> Unit): WhoAmI = coroutineScope {
    val ready = CompletableDeferred<Unit>()
    val done = CompletableDeferred<Unit>()
    launch {
        wampComponent("auth-service", config) {
            onJoin {
                register("auth.whoami") { -> WhoAmI(invocation.procedure, callerAuthId ?: "anonymous") }
                say("auth-service: registered auth.whoami (prefix ${config.uriPrefix})")
                ready.complete(Unit)
                done.await()
                leave()
            }
        }.run()
    }
    ready.await()
    val answer = CompletableDeferred<WhoAmI>()
    try {
        wampComponent("config-client", config) {
            onJoin {
                val me: WhoAmI = call("auth.whoami")
                say("config-client: call(\"auth.whoami\") reached ${me.procedure}, you are ${me.authid}")
                say("config-client: credentials from the config: ${config.credentials}")
                answer.complete(me)
                leave()
            }
        }.run()
    } finally {
        done.complete(Unit)
    }
    answer.await()
}

/**
 * `java -cp samples/target/wampkit-samples.jar io.wampkit.samples.ConfigClientSampleKt [--config FILE]`:
 * reads FILE (default: the bundled `config-client.conf`); without a url there (`WAMP_URL` unset) it starts
 * the embedded router, which admits the config's authid with ticket authentication, and points the config
 * at it. The ticket comes from `WAMP_SECRET`; for the embedded router a demo ticket is used when it is unset.
 */
fun main(args: Array<String>) {
    val options = sampleOptions(args, "--config")
    val env = System.getenv().let { if ("WAMP_SECRET" in it) it else it + ("WAMP_SECRET" to DEMO_TICKET) }
    val config = options["--config"]?.let { loadWampConfig(Path.of(it), env = env) }
        ?: loadWampConfigResource("config-client.conf", env = env)
    runSampleMain("config sample", config.url, config.realm, { admitTicketClients(config) }) { url, say ->
        runConfigSample(config.copy(url = url), say)
    }
}

/** What the embedded router of this sample admits: the config's authid with its ticket, allowed everything. */
fun WampRealmBuilder.admitTicketClients(config: WampConfig) {
    val credentials = config.credentials ?: return
    ticket { user(credentials.authId, ticket = requireNotNull(credentials.secret) { "no ticket in the config" }, role = "client") }
    role("client") { permitAll() }
}

private const val DEMO_TICKET = "demo-ticket"
