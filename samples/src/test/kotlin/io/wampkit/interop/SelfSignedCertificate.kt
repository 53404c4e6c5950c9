package io.wampkit.interop

import org.bouncycastle.asn1.x500.X500Name
import org.bouncycastle.asn1.x509.Extension
import org.bouncycastle.asn1.x509.GeneralName
import org.bouncycastle.asn1.x509.GeneralNames
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder
import java.io.File
import java.math.BigInteger
import java.security.KeyPairGenerator
import java.util.Base64
import java.util.Date

/**
 * A self-signed RSA certificate made at test time (Bouncy Castle) for the WampKit router's `wss://` and
 * `rss://` listeners, valid for `localhost` and 127.0.0.1 (the address the listeners announce), with its
 * PKCS#8 key, both as PEM. Third-party peers trust it through [certificateFile].
 */
class SelfSignedCertificate private constructor(val certificatePem: String, val privateKeyPem: String) {

    /** The certificate as a PEM file (deleted on JVM exit), e.g. for a peer's `--trust-root`. */
    val certificateFile: File by lazy {
        File.createTempFile("wampkit-interop-cert", ".pem").apply {
            deleteOnExit()
            writeText(certificatePem)
        }
    }

    companion object {
        fun create(): SelfSignedCertificate {
            val keys = KeyPairGenerator.getInstance("RSA").apply { initialize(2048) }.generateKeyPair()
            val name = X500Name("CN=localhost")
            val now = System.currentTimeMillis()
            val builder = JcaX509v3CertificateBuilder(
                name, BigInteger.valueOf(now), Date(now - 60_000), Date(now + 86_400_000), name, keys.public,
            )
            val altNames = arrayOf(GeneralName(GeneralName.dNSName, "localhost"), GeneralName(GeneralName.iPAddress, "127.0.0.1"))
            builder.addExtension(Extension.subjectAlternativeName, false, GeneralNames(altNames))
            val signer = JcaContentSignerBuilder("SHA256withRSA").build(keys.private)
            val certificate = JcaX509CertificateConverter().getCertificate(builder.build(signer))
            return SelfSignedCertificate(pem("CERTIFICATE", certificate.encoded), pem("PRIVATE KEY", keys.private.encoded))
        }

        private fun pem(type: String, der: ByteArray) =
            "-----BEGIN $type-----\n" + Base64.getMimeEncoder(64, "\n".toByteArray()).encodeToString(der) + "\n-----END $type-----\n"
    }
}
