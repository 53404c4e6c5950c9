package io.wampkit.router.cli

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldHaveSize
import io.kotest.matchers.shouldBe
import io.wampkit.router.rawsocket.TestCertificate
import io.wampkit.router.wampRouter
import io.wampkit.session.join
import io.wampkit.transport.rawsocket.rawSocketConnector
import io.wampkit.transport.tls.tlsConfig
import io.wampkit.transport.webSocketConnector
import kotlinx.coroutines.withTimeout
import java.nio.file.Files

/** The CLI's RawSocket and TLS listeners, from PEM files on disk, as `.ci/run` would start them. */
class ExtraListenersSpec : FunSpec({
    test("--rawsocket-port, --wss-port and --rawsocket-tls-port with --tls-cert/--tls-key serve sessions") {
        val cert = TestCertificate.selfSigned("localhost")
        val dir = Files.createTempDirectory("wampkit-tls")
        val certFile = Files.writeString(dir.resolve("cert.pem"), cert.certificatePem)
        val keyFile = Files.writeString(dir.resolve("key.pem"), cert.privateKeyPem)
        val options = RouterOptions.parse(
            arrayOf("--rawsocket-port", "0", "--wss-port", "0", "--rawsocket-tls-port", "0", "--tls-cert", "$certFile", "--tls-key", "$keyFile"),
        )
        val router = wampRouter { realm("realm1") }
        val servers = startExtraListeners(router, options)
        try {
            servers shouldHaveSize 3
            val trust = tlsConfig { trustCertificates(certFile) }
            withTimeout(20_000) {
                val connectors = listOf(
                    rawSocketConnector(servers[0].url),
                    webSocketConnector("wss://localhost:${servers[1].port}/ws", trust),
                    rawSocketConnector("rss://localhost:${servers[2].port}", tls = trust),
                )
                for (connector in connectors) {
                    val session = connector.join("realm1")
                    session.isActive shouldBe true
                    session.leave()
                }
            }
        } finally {
            router.close()
            servers.forEach { it.stop() }
            dir.toFile().deleteRecursively()
        }
    }
})
