package io.wampkit.router.auth.internal

import io.wampkit.auth.WampAuthCrypto
import io.wampkit.router.auth.AuthDecision
import io.wampkit.router.auth.AuthHello
import io.wampkit.router.auth.AuthPrincipal
import io.wampkit.router.auth.WampAuthenticator
import io.wampkit.router.auth.acceptAuth
import io.wampkit.router.auth.challengeAuth
import io.wampkit.router.auth.denyAuth
import io.wampkit.value.WampDict
import io.wampkit.value.wampDictOf
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.put
import java.security.SecureRandom
import java.time.Instant
import java.time.temporal.ChronoUnit

internal val secureRandom = SecureRandom()

internal fun randomBytes(size: Int): ByteArray = ByteArray(size).also { secureRandom.nextBytes(it) }

/** Admits everyone under [role] as authid `anonymous` (a requested authid is not taken on trust). */
internal class AnonymousAuthenticator(role: String) : WampAuthenticator {
    private val principal = AuthPrincipal("anonymous", role, "static")
    override val method: String get() = "anonymous"
    override suspend fun authenticate(hello: AuthHello): AuthDecision = acceptAuth(principal)
}

internal class TicketPrincipal(val ticket: ByteArray, val role: String)

internal class StaticTicketAuthenticator(private val users: Map<String, TicketPrincipal>) : WampAuthenticator {
    override val method: String get() = "ticket"
    override suspend fun authenticate(hello: AuthHello): AuthDecision {
        val user = hello.authId?.let { users[it] } ?: return denyAuth("no ticket principal '${hello.authId}'")
        return challengeAuth(WampDict.EMPTY) { answer ->
            if (WampAuthCrypto.constantTimeEquals(answer.signature.toByteArray(Charsets.UTF_8), user.ticket)) {
                acceptAuth(AuthPrincipal(hello.authId, user.role))
            } else {
                denyAuth("wrong ticket")
            }
        }
    }
}

/** [key] is the HMAC key: the secret, or for salted secrets the derived key (see WampAuthCrypto.craKey). */
internal class CraPrincipal(val key: ByteArray, val role: String, val salt: String?, val iterations: Int, val keyLength: Int)

internal class StaticCraAuthenticator(private val users: Map<String, CraPrincipal>) : WampAuthenticator {
    override val method: String get() = "wampcra"
    override suspend fun authenticate(hello: AuthHello): AuthDecision {
        val authId = hello.authId ?: return denyAuth("wampcra without authid")
        val user = users[authId] ?: return denyAuth("no wampcra principal '$authId'")
        val challenge = buildJsonObject {
            put("authid", authId)
            put("authrole", user.role)
            put("authmethod", method)
            put("authprovider", "static")
            put("nonce", WampAuthCrypto.base64(randomBytes(NONCE_LENGTH)))
            put("timestamp", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString())
            put("session", hello.sessionId)
        }.toString()
        val extra = if (user.salt == null) {
            wampDictOf("challenge" to challenge)
        } else {
            wampDictOf("challenge" to challenge, "salt" to user.salt, "iterations" to user.iterations, "keylen" to user.keyLength)
        }
        val expected = WampAuthCrypto.craSignature(user.key, challenge).toByteArray(Charsets.US_ASCII)
        return challengeAuth(extra) { answer ->
            if (WampAuthCrypto.constantTimeEquals(answer.signature.toByteArray(Charsets.UTF_8), expected)) {
                acceptAuth(AuthPrincipal(authId, user.role))
            } else {
                denyAuth("wrong wampcra signature")
            }
        }
    }

    private companion object {
        const val NONCE_LENGTH = 16
    }
}

internal class CryptosignPrincipal(val authId: String, val publicKey: ByteArray, val role: String)

/** Finds the principal by authid (its key must match the announced one) or, without authid, by key. */
internal class StaticCryptosignAuthenticator(private val keys: List<CryptosignPrincipal>) : WampAuthenticator {
    override val method: String get() = "cryptosign"
    override suspend fun authenticate(hello: AuthHello): AuthDecision {
        val pubkey = hello.authExtra.string("pubkey")?.let { runCatching { WampAuthCrypto.unhex(it) }.getOrNull() }
            ?: return denyAuth("cryptosign HELLO without a hex authextra.pubkey")
        if (hello.authExtra.string("channel_binding") != null) return denyAuth("cryptosign channel binding requested")
        val principal = keys.firstOrNull {
            (hello.authId == null || it.authId == hello.authId) && WampAuthCrypto.constantTimeEquals(it.publicKey, pubkey)
        } ?: return denyAuth("no cryptosign principal for authid '${hello.authId}' with this key")
        val challenge = randomBytes(CHALLENGE_LENGTH)
        return challengeAuth(wampDictOf("challenge" to WampAuthCrypto.hex(challenge), "channel_binding" to null)) { answer ->
            if (verify(principal.publicKey, challenge, answer.signature)) {
                acceptAuth(AuthPrincipal(principal.authId, principal.role))
            } else {
                denyAuth("cryptosign signature does not verify")
            }
        }
    }

    /** The signature is 64 bytes hex, optionally followed by the 32 challenge bytes (as Autobahn sends it). */
    private fun verify(publicKey: ByteArray, challenge: ByteArray, signatureHex: String): Boolean {
        val bytes = runCatching { WampAuthCrypto.unhex(signatureHex) }.getOrNull() ?: return false
        val signature = when (bytes.size) {
            SIGNATURE_LENGTH -> bytes
            SIGNATURE_LENGTH + CHALLENGE_LENGTH -> {
                if (!bytes.copyOfRange(SIGNATURE_LENGTH, bytes.size).contentEquals(challenge)) return false
                bytes.copyOf(SIGNATURE_LENGTH)
            }
            else -> return false
        }
        return WampAuthCrypto.ed25519Verify(publicKey, challenge, signature)
    }

    private companion object {
        const val CHALLENGE_LENGTH = 32
        const val SIGNATURE_LENGTH = 64
    }
}
