package io.wampkit.transport.tls.internal

import io.ktor.network.tls.TLSConfigBuilder
import io.wampkit.transport.tls.TlsConfig
import java.net.InetAddress
import java.security.cert.CertificateException
import java.security.cert.X509Certificate
import javax.net.ssl.X509TrustManager

/**
 * Ktor CIO's TLS client (used for `wss://`) checks the chain with our trust manager, then the host name
 * itself; but Ktor 3.5.2 lets a certificate without IP (or DNS) alternative names pass for any IP (or
 * name). So the trust manager given to CIO checks the host name too, strictly: [HostNames].
 */
internal fun TLSConfigBuilder.applyWampTls(tls: TlsConfig, host: String) {
    val expected = tls.serverName ?: host
    trustManager = HostCheckingTrustManager(tls.trustManager, expected)
    tls.serverName?.let { serverName = it }
}

private class HostCheckingTrustManager(private val delegate: X509TrustManager, private val host: String) : X509TrustManager {
    override fun checkServerTrusted(chain: Array<out X509Certificate>?, authType: String?) {
        delegate.checkServerTrusted(chain, authType)
        val leaf = chain?.firstOrNull() ?: throw CertificateException("the server sent no certificate")
        if (!HostNames.matches(host, leaf)) {
            throw CertificateException("the server's certificate does not name '$host' (${leaf.subjectX500Principal})")
        }
    }

    override fun checkClientTrusted(chain: Array<out X509Certificate>?, authType: String?) =
        delegate.checkClientTrusted(chain, authType)

    override fun getAcceptedIssuers(): Array<X509Certificate> = delegate.acceptedIssuers
}

/**
 * Host name verification as RFC 6125 / RFC 2818 put it, for the one TLS client that is not the JDK's:
 * an IP address must equal an IP address entry; a name must match a DNS entry, case-insensitively, with
 * a `*` allowed only as the whole left-most label (matching exactly one label). No common-name fallback.
 */
internal object HostNames {
    private const val DNS = 2
    private const val IP = 7

    fun matches(host: String, certificate: X509Certificate): Boolean {
        val names = certificate.subjectAlternativeNames.orEmpty()
        val bare = host.removePrefix("[").removeSuffix("]")
        return if (isIpLiteral(bare)) {
            val address = InetAddress.getByName(bare)
            names.any { it[0] == IP && runCatching { InetAddress.getByName(it[1] as String) == address }.getOrDefault(false) }
        } else {
            names.any { it[0] == DNS && dnsMatches(bare.lowercase().removeSuffix("."), (it[1] as String).lowercase().removeSuffix(".")) }
        }
    }

    private fun dnsMatches(host: String, pattern: String): Boolean {
        if (!pattern.startsWith("*.")) return host == pattern
        val suffix = pattern.substring(1) // ".example.com"
        if (suffix.count { it == '.' } < 2) return false // no *.com
        val label = host.removeSuffix(suffix)
        return host.endsWith(suffix) && label.isNotEmpty() && '.' !in label
    }

    private fun isIpLiteral(host: String): Boolean =
        ':' in host || host.split('.').let { parts -> parts.size == 4 && parts.all { p -> p.isNotEmpty() && p.all(Char::isDigit) } }
}
