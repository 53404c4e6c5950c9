package io.wampkit.router.cli

import io.wampkit.router.WampRouter
import io.wampkit.router.WampRouterServer
import io.wampkit.router.startRawSocketServer
import io.wampkit.router.startTlsServer
import io.wampkit.transport.tls.TlsServerConfig
import io.wampkit.transport.tls.tlsServerConfig
import io.wampkit.transport.tls.tlsServerConfigFromPem
import java.nio.file.Path

/** Starts the RawSocket, `wss://` and RawSocket-over-TLS listeners [options] ask for. */
internal suspend fun startExtraListeners(router: WampRouter, options: RouterOptions): List<WampRouterServer> {
    val tls = if (options.usesTls) options.tlsServerConfig() else null
    val servers = ArrayList<WampRouterServer>()
    options.rawSocketPort?.let { servers += router.startRawSocketServer(options.host, it) }
    options.wssPort?.let { servers += router.startTlsServer(tls!!, options.host, it, options.path) }
    options.rawSocketTlsPort?.let { servers += router.startRawSocketServer(options.host, it, tls = tls) }
    return servers
}

internal fun RouterOptions.tlsServerConfig(): TlsServerConfig = when {
    tlsKeyStore != null -> tlsServerConfig(Path.of(tlsKeyStore), requireNotNull(tlsKeyStorePassword).toCharArray())
    tlsCertificate != null && tlsKey != null -> tlsServerConfigFromPem(Path.of(tlsCertificate), Path.of(tlsKey))
    else -> throw IllegalArgumentException("no TLS key store or PEM files given")
}
