package io.wampkit.transport.tls.internal

import java.security.KeyStore
import java.security.MessageDigest
import java.security.cert.CertificateException
import java.security.cert.X509Certificate
import java.util.Base64
import java.util.HexFormat
import javax.net.ssl.TrustManagerFactory
import javax.net.ssl.X509TrustManager

internal object TrustManagers {
    /** The JDK's default trust (cacerts). */
    fun jdkDefault(): X509TrustManager = fromStore(null)

    /** A trust manager for [store] plus [certificates], or null when neither is given. */
    fun anchors(store: KeyStore?, certificates: List<X509Certificate>): X509TrustManager? {
        if (store == null && certificates.isEmpty()) return null
        val merged = KeyStore.getInstance("PKCS12").apply { load(null, null) }
        store?.aliases()?.toList()?.forEach { alias ->
            store.getCertificate(alias)?.let { merged.setCertificateEntry("store-$alias", it) }
        }
        certificates.forEachIndexed { i, cert -> merged.setCertificateEntry("cert-$i", cert) }
        require(merged.size() > 0) { "the trust store holds no certificate" }
        return fromStore(merged)
    }

    fun pinning(delegate: X509TrustManager?, certificatePins: Set<String>, publicKeyPins: Set<String>): X509TrustManager =
        PinningTrustManager(delegate, certificatePins, publicKeyPins)

    /** Lower-case hex of a SHA-256 given as hex (colons and spaces allowed) or base64. */
    fun normalizePin(pin: String): String {
        val hex = pin.replace(":", "").replace(" ", "").lowercase()
        if (hex.length == 64 && hex.all { it in '0'..'9' || it in 'a'..'f' }) return hex
        val bytes = try {
            Base64.getDecoder().decode(pin.trim())
        } catch (e: IllegalArgumentException) {
            throw IllegalArgumentException("a pin is a SHA-256 in hex or base64, got '$pin'", e)
        }
        require(bytes.size == 32) { "a pin is a SHA-256 (32 bytes), got ${bytes.size} bytes" }
        return HexFormat.of().formatHex(bytes)
    }

    fun sha256Hex(bytes: ByteArray): String = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes))

    private fun fromStore(store: KeyStore?): X509TrustManager {
        val factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm())
        factory.init(store)
        return factory.trustManagers.filterIsInstance<X509TrustManager>().first()
    }
}

/**
 * Trusts a leaf whose certificate or public key matches a pin, after [delegate] (when given) accepted the
 * chain. A plain [X509TrustManager]: the JDK wraps it and still checks the host name and algorithm constraints.
 */
private class PinningTrustManager(
    private val delegate: X509TrustManager?,
    private val certificatePins: Set<String>,
    private val publicKeyPins: Set<String>,
) : X509TrustManager {
    override fun checkServerTrusted(chain: Array<out X509Certificate>?, authType: String?) {
        if (chain.isNullOrEmpty()) throw CertificateException("the server sent no certificate")
        delegate?.checkServerTrusted(chain, authType)
        val leaf = chain[0]
        leaf.checkValidity()
        val matches = TrustManagers.sha256Hex(leaf.encoded) in certificatePins ||
            TrustManagers.sha256Hex(leaf.publicKey.encoded) in publicKeyPins
        if (!matches) throw CertificateException("the server's certificate matches no pin (${leaf.subjectX500Principal})")
    }

    override fun checkClientTrusted(chain: Array<out X509Certificate>?, authType: String?) {
        throw CertificateException("client certificates are not trusted by a client-side trust manager")
    }

    override fun getAcceptedIssuers(): Array<X509Certificate> = delegate?.acceptedIssuers ?: emptyArray()
}
