package io.wampkit.transport.tls.internal

import java.security.KeyFactory
import java.security.PrivateKey
import java.security.SecureRandom
import java.security.cert.CertificateFactory
import java.security.cert.X509Certificate
import java.security.spec.InvalidKeySpecException
import java.security.spec.PKCS8EncodedKeySpec
import java.util.Base64

/** PEM reading on the JDK: certificates through [CertificateFactory], PKCS#8 keys through [KeyFactory]. */
internal object Pem {
    private val keyBlock = Regex("-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----")

    fun certificates(pem: String): List<X509Certificate> =
        CertificateFactory.getInstance("X.509").generateCertificates(pem.byteInputStream()).filterIsInstance<X509Certificate>()

    fun privateKey(pem: String): PrivateKey {
        require(!pem.contains("BEGIN RSA PRIVATE KEY") && !pem.contains("BEGIN EC PRIVATE KEY")) {
            "the key is PKCS#1/SEC1 PEM; convert it to PKCS#8: openssl pkcs8 -topk8 -nocrypt -in key.pem -out key8.pem"
        }
        require(!pem.contains("BEGIN ENCRYPTED PRIVATE KEY")) { "encrypted PEM keys are not supported; use a key store" }
        val body = keyBlock.find(pem)?.groupValues?.get(1) ?: throw IllegalArgumentException("no '-----BEGIN PRIVATE KEY-----' block found")
        val spec = PKCS8EncodedKeySpec(Base64.getMimeDecoder().decode(body.trim()))
        for (algorithm in listOf("RSA", "EC", "Ed25519", "RSASSA-PSS")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec)
            } catch (_: InvalidKeySpecException) {
                // try the next algorithm
            }
        }
        throw IllegalArgumentException("the PKCS#8 key is neither RSA nor EC nor Ed25519")
    }

    fun randomPassword(): CharArray {
        val bytes = ByteArray(18).also { SecureRandom().nextBytes(it) }
        return Base64.getEncoder().encodeToString(bytes).toCharArray()
    }
}
