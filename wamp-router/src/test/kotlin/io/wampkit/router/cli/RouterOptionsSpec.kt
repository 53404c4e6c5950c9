package io.wampkit.router.cli

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain

class RouterOptionsSpec : FunSpec({
    test("defaults: 127.0.0.1:8080/ws, realm1") {
        RouterOptions.parse(emptyArray()) shouldBe RouterOptions("127.0.0.1", 8080, "/ws", listOf("realm1"))
    }

    test("every option, with --realm repeatable") {
        val args = arrayOf("--host", "0.0.0.0", "--port", "9000", "--path", "/wamp", "--realm", "a", "--realm", "b")
        RouterOptions.parse(args) shouldBe RouterOptions("0.0.0.0", 9000, "/wamp", listOf("a", "b"))
    }

    test("--serializer limits the listener's serializers; all three by default") {
        RouterOptions.parse(emptyArray()).serializers shouldBe listOf("json", "msgpack", "cbor")
        RouterOptions.parse(arrayOf("--serializer", "cbor", "--serializer", "json")).serializers shouldBe listOf("cbor", "json")
        shouldThrow<IllegalArgumentException> { RouterOptions.parse(arrayOf("--serializer", "xml")) }.message shouldContain "xml"
    }

    test("flow control and the listener engine: options, environment, defaults and bad values") {
        val defaults = RouterOptions.parse(emptyArray()) { null }
        defaults.queueCapacity shouldBe 1024
        defaults.slowConsumerTimeoutMillis shouldBe 10_000L
        defaults.engine shouldBe "netty"
        val set = RouterOptions.parse(arrayOf("--queue-capacity", "64", "--slow-consumer-timeout-ms", "0", "--engine", "ktor-cio")) { null }
        set.queueCapacity shouldBe 64
        set.slowConsumerTimeoutMillis shouldBe 0L
        set.engine shouldBe "ktor-cio"
        RouterOptions.parse(emptyArray()) { if (it == "WAMPKIT_ROUTER_ENGINE") "ktor-cio" else null }.engine shouldBe "ktor-cio"
        RouterOptions.parse(arrayOf("--engine", "netty")) { if (it == "WAMPKIT_ROUTER_ENGINE") "ktor-cio" else null }.engine shouldBe "netty"
        shouldThrow<IllegalArgumentException> { RouterOptions.parse(arrayOf("--queue-capacity", "0")) }.message shouldContain "--queue-capacity"
        shouldThrow<IllegalArgumentException> { RouterOptions.parse(arrayOf("--slow-consumer-timeout-ms", "-1")) }.message shouldContain "--slow-consumer-timeout-ms"
        shouldThrow<IllegalArgumentException> { RouterOptions.parse(arrayOf("--engine", "jetty")) }.message shouldContain "jetty"
    }

    test("bad input names the problem") {
        shouldThrow<IllegalArgumentException> { RouterOptions.parse(arrayOf("--port", "http")) }.message shouldContain "--port"
        shouldThrow<IllegalArgumentException> { RouterOptions.parse(arrayOf("--port", "70000")) }.message shouldContain "--port"
        shouldThrow<IllegalArgumentException> { RouterOptions.parse(arrayOf("--path", "ws")) }.message shouldContain "/"
        shouldThrow<IllegalArgumentException> { RouterOptions.parse(arrayOf("--realm")) }.message shouldContain "needs a value"
        shouldThrow<IllegalArgumentException> { RouterOptions.parse(arrayOf("--verbose")) }.message shouldContain "--verbose"
    }

    test("RawSocket and TLS listeners: ports, key store (password from the option or the environment) or PEM files") {
        val args = arrayOf("--rawsocket-port", "8081", "--wss-port", "8443", "--rawsocket-tls-port", "8444",
            "--tls-keystore", "router.p12", "--tls-keystore-password", "secret")
        val options = RouterOptions.parse(args)
        options.rawSocketPort shouldBe 8081
        options.wssPort shouldBe 8443
        options.rawSocketTlsPort shouldBe 8444
        options.tlsKeyStorePassword shouldBe "secret"
        options.toString().contains("secret") shouldBe false
        val fromEnv = RouterOptions.parse(arrayOf("--wss-port", "0", "--tls-keystore", "k.p12")) { if (it == "WAMPKIT_TLS_KEYSTORE_PASSWORD") "pw" else null }
        fromEnv.tlsKeyStorePassword shouldBe "pw"
        val pem = RouterOptions.parse(arrayOf("--rawsocket-tls-port", "0", "--tls-cert", "c.pem", "--tls-key", "k.pem"))
        pem.tlsCertificate shouldBe "c.pem"
        pem.tlsKey shouldBe "k.pem"
        RouterOptions.parse(arrayOf("--rawsocket-port", "0")).usesTls shouldBe false
    }

    test("TLS options that do not fit together are refused") {
        shouldThrow<IllegalArgumentException> { RouterOptions.parse(arrayOf("--wss-port", "8443")) { null } }.message shouldContain "--tls-keystore"
        shouldThrow<IllegalArgumentException> { RouterOptions.parse(arrayOf("--tls-keystore", "k.p12")) { null } }.message shouldContain "password"
        shouldThrow<IllegalArgumentException> { RouterOptions.parse(arrayOf("--tls-cert", "c.pem")) }.message shouldContain "--tls-key"
        shouldThrow<IllegalArgumentException> {
            RouterOptions.parse(arrayOf("--tls-cert", "c.pem", "--tls-key", "k.pem", "--tls-keystore", "k.p12", "--tls-keystore-password", "x"))
        }.message shouldContain "not both"
        shouldThrow<IllegalArgumentException> { RouterOptions.parse(arrayOf("--rawsocket-port", "x")) }.message shouldContain "--rawsocket-port"
    }
})
