package io.wampkit.samples

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.wampkit.WampAbortedException
import io.kotest.matchers.collections.shouldContain
import io.kotest.matchers.shouldBe
import io.wampkit.dsl.loadWampConfigResource
import io.wampkit.router.startServer
import io.wampkit.router.wampRouter
import kotlinx.coroutines.withTimeout

class TypedSamplesSpec : FunSpec({
    lateinit var router: io.wampkit.router.WampRouter
    lateinit var server: io.wampkit.router.WampRouterServer
    beforeSpec {
        router = wampRouter { realm("realm1") }
        server = router.startServer(port = 0)
    }
    afterSpec {
        server.stop()
        router.close()
    }

    test("the typed sample: a DSL service with data classes and a proxy client") {
        val lines = mutableListOf<String>()
        val quote = withTimeout(30_000) { runTypedSample(server.url, "realm1") { synchronized(lines) { lines += it } } }
        quote.total shouldBe (4.5 * 2 + 9.0) * 0.9
        quote.lines.map { it.item.sku to it.quantity } shouldBe listOf("tea" to 2, "mug" to 1)
        lines shouldContain "customer: com.example.shop.unknown_sku: no item 'cake'"
        lines shouldContain "customer: wamp.error.invalid_argument: argument 1 of com.example.shop.quote: expected a list, got string \"not a list\""
    }

    test("the config sample: the bundled config file, its URI prefix and the environment") {
        val unresolved = loadWampConfigResource("config-client.conf", env = mapOf("WAMP_SECRET" to "t0ken"))
        val secured = wampRouter { realm("realm1") { admitTicketClients(unresolved) } }
        val securedServer = secured.startServer(port = 0)
        try {
            val env = mapOf("WAMP_URL" to securedServer.url, "WAMP_SECRET" to "t0ken")
            val config = loadWampConfigResource("config-client.conf", env = env)
            config.url shouldBe securedServer.url
            config.credentials?.secret shouldBe "t0ken"
            config.reconnect.enabled shouldBe true
            val lines = mutableListOf<String>()
            val me = withTimeout(30_000) { runConfigSample(config) { synchronized(lines) { lines += it } } }
            me.procedure shouldBe "com.example.auth.whoami"
            lines shouldContain "config-client: call(\"auth.whoami\") reached com.example.auth.whoami, you are anonymous"
            // the same file with a wrong ticket is refused by the router
            val wrong = loadWampConfigResource("config-client.conf", env = env + ("WAMP_SECRET" to "nope"))
            shouldThrow<WampAbortedException> { withTimeout(30_000) { runConfigSample(wrong) { } } }.reason shouldBe
                "wamp.error.authentication_failed"
        } finally {
            securedServer.stop()
            secured.close()
        }
    }
})
