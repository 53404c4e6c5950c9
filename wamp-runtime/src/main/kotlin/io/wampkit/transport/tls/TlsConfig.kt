package io.wampkit.transport.tls

import io.wampkit.transport.tls.internal.DefaultTlsConfig
import io.wampkit.transport.tls.internal.Pem
import io.wampkit.transport.tls.internal.TrustManagers
import java.nio.file.Path
import java.security.KeyStore
import java.security.cert.X509Certificate
import javax.net.ssl.X509TrustManager

/** Marks the TLS configuration DSL. */
@DslMarker
public annotation class WampTlsDsl

/**
 * How a client verifies the router's certificate (`wss://`, RawSocket over TLS). Certificate chain and host
 * name verification are always on; by default the chain must lead to a CA the JDK trusts. Create with
 * [tlsConfig].
 */
public interface TlsConfig {
    /** The host name the certificate must name (and the SNI sent), or null for the host connected to. */
    public val serverName: String?

    /** Decides about the router's certificate chain (host names are checked separately, always). */
    public val trustManager: X509TrustManager
}

/**
 * Builds a [TlsConfig]:
 * ```
 * tlsConfig { trustCertificates(Path.of("ca.pem")) }              // a private CA or a self-signed certificate
 * tlsConfig { pinCertificate("9f:86:d0:...") }                    // exactly this certificate (SHA-256)
 * tlsConfig { trustStore(keyStore); pinPublicKey("base64...") }   // both must hold
 * ```
 * With pins and no trust anchors, the pinned certificate alone is trusted (no CA needed); with both, the
 * chain must validate and the leaf must match a pin. Host name verification stays on either way.
 */
public fun tlsConfig(configure: TlsConfigBuilder.() -> Unit = {}): TlsConfig = TlsConfigBuilder().apply(configure).build()

/** Settings of a [TlsConfig]; see [tlsConfig]. */
@WampTlsDsl
public class TlsConfigBuilder internal constructor() {
    private val anchors = ArrayList<X509Certificate>()
    private var store: KeyStore? = null
    private val certificatePins = LinkedHashSet<String>()
    private val publicKeyPins = LinkedHashSet<String>()

    /** Verify the certificate against this name instead of the host connected to (e.g. when connecting by IP). */
    public var serverName: String? = null

    /** Trust the CA (or self-signed) certificates of [keyStore] instead of the JDK's default CAs. */
    public fun trustStore(keyStore: KeyStore) {
        check(store == null) { "trustStore is set twice" }
        store = keyStore
    }

    /** Loads a trust store file (PKCS12 or JKS, detected) protected by [password]. */
    public fun trustStore(path: Path, password: CharArray? = null) {
        trustStore(KeyStore.getInstance(path.toFile(), password))
    }

    /** Trust these CA (or self-signed) certificates instead of the JDK's default CAs. */
    public fun trustCertificates(vararg certificates: X509Certificate) {
        anchors += certificates
    }

    /** Trust the PEM certificates (`-----BEGIN CERTIFICATE-----`) of [pem]. */
    public fun trustCertificates(pem: String) {
        val parsed = Pem.certificates(pem)
        require(parsed.isNotEmpty()) { "no PEM certificate found" }
        anchors += parsed
    }

    /** Trust the PEM certificates in the file at [path]. */
    public fun trustCertificates(path: Path) {
        trustCertificates(path.toFile().readText())
    }

    /** Accept only a leaf certificate whose DER encoding has this SHA-256 (hex, colons allowed, or base64). */
    public fun pinCertificate(sha256: String) {
        certificatePins += TrustManagers.normalizePin(sha256)
    }

    /** Accept only a leaf certificate whose public key (SubjectPublicKeyInfo) has this SHA-256 (hex or base64). */
    public fun pinPublicKey(sha256: String) {
        publicKeyPins += TrustManagers.normalizePin(sha256)
    }

    internal fun build(): TlsConfig {
        serverName?.let { require(it.isNotBlank()) { "serverName must not be blank" } }
        val trusted = TrustManagers.anchors(store, anchors)
        val manager = if (certificatePins.isEmpty() && publicKeyPins.isEmpty()) {
            trusted ?: TrustManagers.jdkDefault()
        } else {
            TrustManagers.pinning(trusted, certificatePins.toSet(), publicKeyPins.toSet())
        }
        return DefaultTlsConfig(serverName, manager)
    }
}
