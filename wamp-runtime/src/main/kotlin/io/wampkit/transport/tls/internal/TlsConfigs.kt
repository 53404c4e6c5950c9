package io.wampkit.transport.tls.internal

import io.wampkit.transport.tls.TlsConfig
import io.wampkit.transport.tls.TlsServerConfig
import java.security.KeyStore
import javax.net.ssl.KeyManagerFactory
import javax.net.ssl.SSLContext
import javax.net.ssl.SSLEngine
import javax.net.ssl.X509TrustManager

internal class DefaultTlsConfig(
    override val serverName: String?,
    override val trustManager: X509TrustManager,
) : TlsConfig {
    private val context: SSLContext by lazy {
        SSLContext.getInstance("TLS").apply { init(null, arrayOf(trustManager), null) }
    }

    /** A client engine that verifies the chain with [trustManager] and the host name as HTTPS does. */
    fun clientEngine(host: String, port: Int): SSLEngine {
        val engine = context.createSSLEngine(serverName ?: host, port)
        engine.useClientMode = true
        engine.sslParameters = engine.sslParameters.apply { endpointIdentificationAlgorithm = "HTTPS" }
        return engine
    }

    override fun toString(): String = "TlsConfig(serverName=$serverName)"
}

internal class DefaultTlsServerConfig(
    override val keyStore: KeyStore,
    override val keyAlias: String,
    override val password: CharArray,
) : TlsServerConfig {
    private val context: SSLContext by lazy {
        // a store holding only the served entry, so the key manager cannot pick another one
        val single = KeyStore.getInstance("PKCS12").apply { load(null, null) }
        single.setKeyEntry(keyAlias, keyStore.getKey(keyAlias, password), password, keyStore.getCertificateChain(keyAlias))
        val keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm()).apply { init(single, password) }
        SSLContext.getInstance("TLS").apply { init(keys.keyManagers, null, null) }
    }

    fun serverEngine(): SSLEngine = context.createSSLEngine().apply { useClientMode = false }

    override fun toString(): String = "TlsServerConfig(alias=$keyAlias)"

    companion object {
        const val PEM_ALIAS: String = "wampkit"
    }
}

internal fun TlsConfig.clientEngine(host: String, port: Int): SSLEngine =
    (this as? DefaultTlsConfig ?: DefaultTlsConfig(serverName, trustManager)).clientEngine(host, port)

internal fun TlsServerConfig.serverEngine(): SSLEngine =
    (this as? DefaultTlsServerConfig ?: DefaultTlsServerConfig(keyStore, keyAlias, password)).serverEngine()
