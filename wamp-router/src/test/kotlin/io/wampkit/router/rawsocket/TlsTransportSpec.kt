package io.wampkit.router.rawsocket

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldStartWith
import io.wampkit.WampConnectionClosedException
import io.wampkit.router.WampRouter
import io.wampkit.router.WampRouterServer
import io.wampkit.router.startRawSocketServer
import io.wampkit.router.startTlsServer
import io.wampkit.router.wampRouter
import io.wampkit.session.CallResult
import io.wampkit.session.join
import io.wampkit.transport.WampConnector
import io.wampkit.transport.rawsocket.rawSocketConnector
import io.wampkit.transport.tls.TlsConfig
import io.wampkit.transport.tls.tlsConfig
import io.wampkit.transport.tls.tlsServerConfig
import io.wampkit.transport.tls.tlsServerConfigFromPem
import io.wampkit.transport.webSocketConnector
import io.wampkit.value.WampInt
import io.wampkit.value.wampListOf
import kotlinx.coroutines.withTimeout
import java.security.GeneralSecurityException
import javax.net.ssl.SSLException

/**
 * TLS for RawSocket (`rss://`, JDK SSLEngine on both sides) and WebSocket (`wss://`, Ktor CIO client ↔
 * Netty listener), with a self-signed certificate for `localhost` made at test time.
 */
class TlsTransportSpec : FunSpec({
    val cert = TestCertificate.selfSigned("localhost")
    val other = TestCertificate.selfSigned("localhost")
    lateinit var router: WampRouter
    lateinit var rss: WampRouterServer
    lateinit var wss: WampRouterServer

    beforeSpec {
        router = wampRouter { realm("realm1") }
        rss = router.startRawSocketServer(port = 0, tls = tlsServerConfig(cert.keyStore(), cert.password))
        wss = router.startTlsServer(tlsServerConfigFromPem(cert.certificatePem, cert.privateKeyPem), port = 0)
        router.connector().join("realm1").register("com.example.inc") { CallResult.of((it.args[0] as WampInt).value + 1) }
    }
    afterSpec {
        router.close()
        rss.stop()
        wss.stop()
    }

    fun connectors(tls: TlsConfig, host: String = "localhost"): List<WampConnector> = listOf(
        rawSocketConnector(host, rss.port, tls = tls),
        webSocketConnector("wss://$host:${wss.port}/ws", tls),
    )

    suspend fun shouldWork(connector: WampConnector) = withTimeout(15_000) {
        val session = connector.join("realm1")
        session.call("com.example.inc", wampListOf(41)).args shouldBe wampListOf(42)
        session.leave()
    }

    suspend fun shouldBeRejected(connector: WampConnector) = withTimeout(15_000) {
        val e = withClue(connector.toString()) { shouldThrow<WampConnectionClosedException> { connector.connect() } }
        val chain = generateSequence<Throwable>(e) { it.cause }.toList()
        withClue(chain.joinToString(" <- ")) { chain.any { it is SSLException || it is GeneralSecurityException } shouldBe true }
    }

    test("the listeners announce rss:// and wss:// URLs") {
        rss.url shouldStartWith "rss://127.0.0.1:"
        wss.url shouldStartWith "wss://127.0.0.1:"
    }

    test("default verification (the JDK's CAs) rejects the self-signed certificate, over RawSocket and WebSocket") {
        connectors(tlsConfig()).forEach { shouldBeRejected(it) }
        shouldBeRejected(rawSocketConnector("rss://localhost:${rss.port}"))
        shouldBeRejected(webSocketConnector("wss://localhost:${wss.port}/ws"))
    }

    test("a custom trust store (KeyStore or PEM) accepts it") {
        connectors(tlsConfig { trustStore(cert.trustStore()) }).forEach { shouldWork(it) }
        connectors(tlsConfig { trustCertificates(cert.certificatePem) }).forEach { shouldWork(it) }
    }

    test("a pinned certificate or public key accepts it; a wrong pin rejects it") {
        connectors(tlsConfig { pinCertificate(cert.certificateSha256) }).forEach { shouldWork(it) }
        connectors(tlsConfig { pinPublicKey(cert.publicKeySha256Base64) }).forEach { shouldWork(it) }
        connectors(tlsConfig { pinCertificate(other.certificateSha256) }).forEach { shouldBeRejected(it) }
        connectors(tlsConfig { trustStore(cert.trustStore()); pinCertificate(other.certificateSha256) }).forEach { shouldBeRejected(it) }
    }

    test("a trusted certificate for another host name is rejected, also with a custom trust store or a pin") {
        // the certificate names only 'localhost': connecting by IP must fail host name verification
        connectors(tlsConfig { trustStore(cert.trustStore()) }, host = "127.0.0.1").forEach { shouldBeRejected(it) }
        connectors(tlsConfig { pinCertificate(cert.certificateSha256) }, host = "127.0.0.1").forEach { shouldBeRejected(it) }
        // serverName names the expected host explicitly
        connectors(tlsConfig { trustStore(cert.trustStore()); serverName = "localhost" }, host = "127.0.0.1").forEach { shouldWork(it) }
        connectors(tlsConfig { trustStore(cert.trustStore()); serverName = "example.com" }).forEach { shouldBeRejected(it) }
    }

    test("a plain RawSocket client cannot talk to the TLS listener, and the listener keeps serving") {
        withTimeout(15_000) {
            shouldThrow<Exception> { rawSocketConnector("127.0.0.1", rss.port, handshakeTimeoutMillis = 2_000).connect() }
            shouldWork(rawSocketConnector("localhost", rss.port, tls = tlsConfig { trustCertificates(cert.certificate) }))
        }
    }
})
