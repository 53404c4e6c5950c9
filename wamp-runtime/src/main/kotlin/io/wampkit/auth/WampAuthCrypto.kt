package io.wampkit.auth

import org.bouncycastle.crypto.generators.Argon2BytesGenerator
import org.bouncycastle.crypto.params.Argon2Parameters
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters
import java.security.KeyFactory
import java.security.MessageDigest
import java.security.Signature
import java.security.spec.PKCS8EncodedKeySpec
import java.security.spec.X509EncodedKeySpec
import java.util.Base64
import java.util.HexFormat
import javax.crypto.Mac
import javax.crypto.SecretKeyFactory
import javax.crypto.spec.PBEKeySpec
import javax.crypto.spec.SecretKeySpec

/**
 * The derivations behind WAMP authentication, shared by client and router and useful to applications that
 * keep their own credential store (e.g. to store a WAMP-CRA derived key or SCRAM keys instead of passwords).
 * Primitives come from the JDK (HMAC-SHA256, PBKDF2, Ed25519) and Bouncy Castle (Argon2id).
 */
public object WampAuthCrypto {
    private val hex = HexFormat.of()

    /** HMAC-SHA256 of [data] under [key]. */
    public fun hmacSha256(key: ByteArray, data: ByteArray): ByteArray {
        val mac = Mac.getInstance("HmacSHA256")
        mac.init(SecretKeySpec(key, "HmacSHA256"))
        return mac.doFinal(data)
    }

    /** SHA-256 of [data]. */
    public fun sha256(data: ByteArray): ByteArray = MessageDigest.getInstance("SHA-256").digest(data)

    /** PBKDF2 with HMAC-SHA256 (password as UTF-8), [keyLength] bytes. */
    public fun pbkdf2Sha256(password: String, salt: ByteArray, iterations: Int, keyLength: Int): ByteArray {
        require(iterations > 0 && keyLength > 0) { "iterations and keyLength must be positive" }
        val spec = PBEKeySpec(password.toCharArray(), salt, iterations, keyLength * 8)
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).encoded
        } finally {
            spec.clearPassword()
        }
    }

    /** Argon2id version 1.3, parallelism 1, 32-byte output: the WAMP-SCRAM parameters. [memoryKiB] is in KiB. */
    public fun argon2id(password: String, salt: ByteArray, iterations: Int, memoryKiB: Int): ByteArray {
        require(iterations > 0 && memoryKiB >= 8) { "argon2id needs iterations > 0 and memory >= 8 KiB" }
        val params = Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
            .withVersion(Argon2Parameters.ARGON2_VERSION_13)
            .withSalt(salt)
            .withIterations(iterations)
            .withMemoryAsKB(memoryKiB)
            .withParallelism(1)
            .build()
        val out = ByteArray(SCRAM_KEY_LENGTH)
        Argon2BytesGenerator().apply { init(params) }.generateBytes(password.toByteArray(Charsets.UTF_8), out)
        return out
    }

    /**
     * The WAMP-CRA key for [secret]: the secret's UTF-8 bytes, or, for salted secrets, the base64 text of
     * PBKDF2-HMAC-SHA256(secret, UTF-8 bytes of [salt], [iterations], [keyLength]) as Autobahn and Crossbar use it.
     */
    public fun craKey(secret: String, salt: String? = null, iterations: Int = 1000, keyLength: Int = 32): ByteArray =
        if (salt == null) {
            secret.toByteArray(Charsets.UTF_8)
        } else {
            base64(pbkdf2Sha256(secret, salt.toByteArray(Charsets.UTF_8), iterations, keyLength)).toByteArray(Charsets.US_ASCII)
        }

    /** The WAMP-CRA signature: base64 of HMAC-SHA256 under [key] over the UTF-8 [challenge] string. */
    public fun craSignature(key: ByteArray, challenge: String): String =
        base64(hmacSha256(key, challenge.toByteArray(Charsets.UTF_8)))

    /** The 32-byte Ed25519 public key of a 32-byte private key seed. */
    public fun ed25519PublicKey(seed: ByteArray): ByteArray {
        require(seed.size == ED25519_KEY_LENGTH) { "an Ed25519 private key seed has 32 bytes, got ${seed.size}" }
        return Ed25519PrivateKeyParameters(seed, 0).generatePublicKey().encoded
    }

    /** The 64-byte Ed25519 signature of [message] under the private key [seed] (JDK `Ed25519`). */
    public fun ed25519Sign(seed: ByteArray, message: ByteArray): ByteArray {
        require(seed.size == ED25519_KEY_LENGTH) { "an Ed25519 private key seed has 32 bytes, got ${seed.size}" }
        val key = KeyFactory.getInstance("Ed25519").generatePrivate(PKCS8EncodedKeySpec(PKCS8_PREFIX + seed))
        return Signature.getInstance("Ed25519").run {
            initSign(key)
            update(message)
            sign()
        }
    }

    /** Whether [signature] is a valid Ed25519 signature of [message] under the 32-byte [publicKey]. */
    public fun ed25519Verify(publicKey: ByteArray, message: ByteArray, signature: ByteArray): Boolean {
        if (publicKey.size != ED25519_KEY_LENGTH || signature.size != ED25519_SIGNATURE_LENGTH) return false
        return runCatching {
            val key = KeyFactory.getInstance("Ed25519").generatePublic(X509EncodedKeySpec(X509_PREFIX + publicKey))
            Signature.getInstance("Ed25519").run {
                initVerify(key)
                update(message)
                verify(signature)
            }
        }.getOrDefault(false)
    }

    /** Lower-case hex of [bytes]. */
    public fun hex(bytes: ByteArray): String = hex.formatHex(bytes)

    /** Bytes of the hex string [text]; throws [IllegalArgumentException] when it is not hex. */
    public fun unhex(text: String): ByteArray = hex.parseHex(text)

    /** Canonical base64 (with padding, no line breaks). */
    public fun base64(bytes: ByteArray): String = Base64.getEncoder().encodeToString(bytes)

    /** Decodes canonical base64; throws [IllegalArgumentException] when [text] is not base64. */
    public fun unbase64(text: String): ByteArray = Base64.getDecoder().decode(text)

    /** Constant-time comparison. */
    public fun constantTimeEquals(a: ByteArray, b: ByteArray): Boolean = MessageDigest.isEqual(a, b)

    /** Output length of the SCRAM key derivation (SHA-256 size). */
    public const val SCRAM_KEY_LENGTH: Int = 32
    private const val ED25519_KEY_LENGTH = 32
    private const val ED25519_SIGNATURE_LENGTH = 64
    private val PKCS8_PREFIX = HexFormat.of().parseHex("302e020100300506032b657004220420")
    private val X509_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100")
}
