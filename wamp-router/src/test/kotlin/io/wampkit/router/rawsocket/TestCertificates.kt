package io.wampkit.router.rawsocket

import org.bouncycastle.asn1.x500.X500Name
import org.bouncycastle.asn1.x509.Extension
import org.bouncycastle.asn1.x509.GeneralName
import org.bouncycastle.asn1.x509.GeneralNames
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder
import java.math.BigInteger
import java.security.KeyPair
import java.security.KeyPairGenerator
import java.security.KeyStore
import java.security.MessageDigest
import java.security.cert.X509Certificate
import java.util.Base64
import java.util.Date
import java.util.HexFormat

/** A self-signed certificate made at test time (Bouncy Castle), with its key, as key store and PEM. */
class TestCertificate(val keyPair: KeyPair, val certificate: X509Certificate) {
    val password: CharArray = "test-password".toCharArray()

    fun keyStore(): KeyStore = KeyStore.getInstance("PKCS12").apply {
        load(null, null)
        setKeyEntry("router", keyPair.private, password, arrayOf(certificate))
    }

    fun trustStore(): KeyStore = KeyStore.getInstance("PKCS12").apply {
        load(null, null)
        setCertificateEntry("router", certificate)
    }

    val certificatePem: String get() = pem("CERTIFICATE", certificate.encoded)
    val privateKeyPem: String get() = pem("PRIVATE KEY", keyPair.private.encoded)
    val certificateSha256: String get() = sha256(certificate.encoded)
    val publicKeySha256Base64: String get() =
        Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(certificate.publicKey.encoded))

    companion object {
        /** A self-signed RSA certificate naming [dnsNames] only (no IP addresses). */
        fun selfSigned(vararg dnsNames: String): TestCertificate {
            val keys = KeyPairGenerator.getInstance("RSA").apply { initialize(2048) }.generateKeyPair()
            val name = X500Name("CN=${dnsNames.first()}")
            val now = System.currentTimeMillis()
            val builder = JcaX509v3CertificateBuilder(
                name, BigInteger.valueOf(now), Date(now - 60_000), Date(now + 86_400_000), name, keys.public,
            )
            builder.addExtension(Extension.subjectAlternativeName, false, GeneralNames(dnsNames.map { GeneralName(GeneralName.dNSName, it) }.toTypedArray()))
            val signer = JcaContentSignerBuilder("SHA256withRSA").build(keys.private)
            val cert = JcaX509CertificateConverter().getCertificate(builder.build(signer))
            return TestCertificate(keys, cert)
        }

        fun sha256(bytes: ByteArray): String = HexFormat.ofDelimiter(":").formatHex(MessageDigest.getInstance("SHA-256").digest(bytes))

        private fun pem(type: String, der: ByteArray) =
            "-----BEGIN $type-----\n" + Base64.getMimeEncoder(64, "\n".toByteArray()).encodeToString(der) + "\n-----END $type-----\n"
    }
}
