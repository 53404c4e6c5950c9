package io.wampkit.dsl

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldNotContain
import io.wampkit.dsl.internal.UriResolver
import io.wampkit.router.startServer
import io.wampkit.router.wampRouter
import io.wampkit.session.authId
import io.wampkit.session.authRole
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.launch
import kotlinx.coroutines.withTimeout
import java.nio.file.Files
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.seconds

private val FULL = """
    wamp {
      url = "ws://example.invalid/ws"
      url = ${'$'}{?WAMP_URL}
      realm = realm7
      serializers = [cbor, json]
      uri-prefix = com.example
      credentials {
        authid = alice
        authmethods = [ticket, wampcra]
        secret = ${'$'}{?WAMP_SECRET}
      }
      reconnect { initial-delay = 250ms, max-delay = 10s, multiplier = 1.5, jitter = 0.2, max-attempts = 5 }
    }
""".trimIndent()

/** HOCON component configuration, env substitution and URI prefix resolution. */
class WampConfigSpec : FunSpec({
    val fx = embeddedRouterForSpec()

    test("every setting is read; environment variables fill ${'$'}{?NAME} and win over the file") {
        val c = parseWampConfig(FULL, env = mapOf("WAMP_URL" to "ws://10.0.0.1:9000/ws", "WAMP_SECRET" to "s3cret"))
        c.url shouldBe "ws://10.0.0.1:9000/ws"
        c.realm shouldBe "realm7"
        c.serializers shouldBe listOf("cbor", "json")
        c.uriPrefix shouldBe "com.example"
        c.absolutePrefixes shouldBe listOf("wamp.")
        c.credentials shouldBe WampCredentials("alice", listOf("ticket", "wampcra"), "s3cret")
        c.credentials.toString() shouldNotContain "s3cret"
        c.reconnect shouldBe ReconnectConfig(true, 250.milliseconds, 10.seconds, 1.5, 0.2, 5)
    }

    test("without the environment variables the file's value stays and the secret is absent") {
        val c = parseWampConfig(FULL, env = emptyMap())
        c.url shouldBe "ws://example.invalid/ws"
        c.credentials?.secret shouldBe null
        parseWampConfig("wamp { url = \"ws://h/ws\" }", env = emptyMap()) shouldBe WampConfig("ws://h/ws", "realm1")
    }

    test("mistakes are reported with the setting at fault") {
        shouldThrow<IllegalArgumentException> { parseWampConfig("wamp { serializers = [xml] }", env = emptyMap()) }
            .message shouldContain "unknown serializer 'xml'"
        shouldThrow<IllegalArgumentException> { parseWampConfig("wamp { realm = \"bad realm\" }", env = emptyMap()) }
            .message shouldContain "realm 'bad realm' is not a valid URI"
        shouldThrow<IllegalArgumentException> { parseWampConfig("wamp { reconnect { multiplier = 0.5 } }", env = emptyMap()) }
            .message shouldContain "multiplier"
        shouldThrow<IllegalArgumentException> { parseWampConfig("wamp { url = ${'$'}{NOPE} }", env = emptyMap()) }
            .message shouldContain "NOPE"
        shouldThrow<IllegalArgumentException> { parseWampConfig("other { }", env = emptyMap()) }
            .message shouldContain "no 'wamp' section"
        shouldThrow<IllegalArgumentException> { loadWampConfig(Files.createTempDirectory("x").resolve("none.conf")) }
            .message shouldContain "no such file"
    }

    test("the prefix rule: relative URIs are prefixed; the prefix itself, prefixed and wamp. URIs are not") {
        val r = UriResolver("com.example", listOf("wamp.", "org.other."))
        r.resolve("auth.whoami") shouldBe "com.example.auth.whoami"
        r.resolve("com.example.auth.whoami") shouldBe "com.example.auth.whoami"
        r.resolve("com.example") shouldBe "com.example"
        r.resolve("com.examples.x") shouldBe "com.example.com.examples.x"
        r.resolve("wamp.session.count") shouldBe "wamp.session.count"
        r.resolve("org.other.x") shouldBe "org.other.x"
    }

    test("a component from a config file resolves call, register, subscribe, publish and proxies against its prefix") {
        val file = Files.createTempFile("client", ".conf")
        Files.writeString(file, "wamp {\n  url = ${'$'}{WAMP_URL}\n  uri-prefix = com.example\n  serializers = [msgpack, json]\n}\n")
        val config = loadWampConfig(file, env = mapOf("WAMP_URL" to fx.server.url))
        val result = withTimeout(20_000) {
            coroutineScope {
                val ready = CompletableDeferred<Unit>()
                val done = CompletableDeferred<Unit>()
                val event = CompletableDeferred<String>()
                launch {
                    wampComponent("prefixed-callee", config) {
                        onJoin {
                            register("auth.whoami") { -> "callee at ${invocation.procedure}" }
                            subscribe("news") { s: String -> event.complete("$s on ${this.event.topic}") }
                            ready.complete(Unit); done.await(); leave()
                        }
                    }.run()
                }
                ready.await()
                val answers = CompletableDeferred<List<String>>()
                wampComponent("absolute-caller") {
                    url = fx.server.url
                    onJoin {
                        publish("com.example.news", "hi", acknowledge = true)
                        answers.complete(listOf(call("com.example.auth.whoami")))
                        leave()
                    }
                }.run()
                val viaPrefix = CompletableDeferred<List<String>>()
                wampComponent("prefixed-caller", config) {
                    onJoin {
                        val auth = proxy<Auth>("auth")
                        viaPrefix.complete(listOf(call("auth.whoami"), auth.whoami(), call("com.example.auth.whoami")))
                        leave()
                    }
                }.run()
                done.complete(Unit)
                answers.await() + viaPrefix.await() + event.await()
            }
        }
        result shouldBe List(4) { "callee at com.example.auth.whoami" } + "hi on com.example.news"
    }

    test("a config file's credentials become the component's authenticators; a wrong secret is refused") {
        val secured = wampRouter {
            realm("realm1") { ticket { user("alice", ticket = "s3cret", role = "frontend") }; role("frontend") { permitAll() } }
        }
        val securedServer = secured.startServer(port = 0)
        try {
            val text = "wamp {\n url = ${'$'}{WAMP_URL}\n credentials { authid = alice, authmethods = [ticket], secret = ${'$'}{WAMP_SECRET} }\n}\n"
            suspend fun joinWith(secret: String): String {
                val config = parseWampConfig(text, env = mapOf("WAMP_URL" to securedServer.url, "WAMP_SECRET" to secret))
                val role = CompletableDeferred<String>()
                wampComponent("configured", config) {
                    onJoin { role.complete("${session.authId}/${session.authRole}"); leave() }
                }.run()
                return role.await()
            }
            withTimeout(20_000) { joinWith("s3cret") } shouldBe "alice/frontend"
            val refused = shouldThrow<io.wampkit.WampAbortedException> { withTimeout(20_000) { joinWith("wrong") } }
            refused.reason shouldBe io.wampkit.auth.WampAuth.AUTHENTICATION_FAILED
        } finally {
            securedServer.stop()
            secured.close()
        }
    }
})

/** Proxied through a component's prefix. */
interface Auth {
    suspend fun whoami(): String
}
