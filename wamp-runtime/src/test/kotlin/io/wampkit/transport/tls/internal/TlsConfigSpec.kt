package io.wampkit.transport.tls.internal

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.mockk.every
import io.mockk.mockk
import io.wampkit.transport.rawsocket.rawSocketConnector
import io.wampkit.transport.tls.tlsConfig
import io.wampkit.transport.tls.tlsServerConfigFromPem
import java.security.cert.X509Certificate

/** Pins, host name matching for the CIO client, URL forms and PEM input errors. */
class TlsConfigSpec : FunSpec({
    fun certificateNaming(vararg names: Pair<Int, String>): X509Certificate = mockk {
        every { subjectAlternativeNames } returns names.map { listOf<Any>(it.first, it.second) }
    }

    test("pins are normalised from hex (with colons) or base64; anything else is refused") {
        val hex = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
        TrustManagers.normalizePin(hex.uppercase().chunked(2).joinToString(":")) shouldBe hex
        TrustManagers.normalizePin("n4bQgYhMfWWaL+qgxVrQFaO/TxsrC4Is0V1sFbDwCgg=") shouldBe hex
        shouldThrow<IllegalArgumentException> { tlsConfig { pinCertificate("abcd") } }.message shouldContain "32 bytes"
        shouldThrow<IllegalArgumentException> { tlsConfig { pinPublicKey("not a pin!") } }.message shouldContain "hex or base64"
    }

    test("host names: exact DNS entries, a whole-label wildcard for one label, IPs only against IP entries") {
        val cert = certificateNaming(2 to "router.example.com", 2 to "*.api.example.com", 7 to "10.0.0.5")
        HostNames.matches("router.example.com", cert) shouldBe true
        HostNames.matches("ROUTER.example.com.", cert) shouldBe true
        HostNames.matches("a.api.example.com", cert) shouldBe true
        HostNames.matches("a.b.api.example.com", cert) shouldBe false
        HostNames.matches("api.example.com", cert) shouldBe false
        HostNames.matches("other.example.com", cert) shouldBe false
        HostNames.matches("10.0.0.5", cert) shouldBe true
        HostNames.matches("10.0.0.6", cert) shouldBe false
        HostNames.matches("127.0.0.1", certificateNaming(2 to "localhost")) shouldBe false
        HostNames.matches("x.com", certificateNaming(2 to "*.com")) shouldBe false
        HostNames.matches("localhost", certificateNaming()) shouldBe false
    }

    test("RawSocket URLs: rs://, tcp://, rss:// and tls://; anything else is refused") {
        rawSocketConnector("rs://127.0.0.1:8081").toString() shouldBe "rawSocketConnector(rs://127.0.0.1:8081, json)"
        rawSocketConnector("tcp://localhost:1").toString() shouldBe "rawSocketConnector(rs://localhost:1, json)"
        rawSocketConnector("rss://localhost:8443").toString() shouldBe "rawSocketConnector(rss://localhost:8443, json)"
        shouldThrow<IllegalArgumentException> { rawSocketConnector("ws://localhost:8080") }.message shouldContain "rs://"
        shouldThrow<IllegalArgumentException> { rawSocketConnector("rs://localhost") }.message shouldContain "port"
        shouldThrow<IllegalArgumentException> { rawSocketConnector("rs://localhost:1", tls = tlsConfig()) }.message shouldContain "rss://"
        shouldThrow<IllegalArgumentException> { rawSocketConnector("localhost", 1, maxMessageLength = 100) }.message shouldContain "512"
    }

    test("PEM keys that are not PKCS#8 are refused with a hint") {
        shouldThrow<IllegalArgumentException> {
            tlsServerConfigFromPem("", "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----")
        }.message shouldContain "no PEM certificate"
        shouldThrow<IllegalArgumentException> { Pem.privateKey("-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----") }
            .message shouldContain "openssl pkcs8"
        shouldThrow<IllegalArgumentException> { Pem.privateKey("nothing") }.message shouldContain "BEGIN PRIVATE KEY"
    }
})
