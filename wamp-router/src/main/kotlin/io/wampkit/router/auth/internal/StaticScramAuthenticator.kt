package io.wampkit.router.auth.internal

import io.wampkit.auth.ScramDialect
import io.wampkit.auth.ScramKdf
import io.wampkit.auth.WampAuthCrypto
import io.wampkit.auth.WampScram
import io.wampkit.router.auth.AuthDecision
import io.wampkit.router.auth.AuthHello
import io.wampkit.router.auth.AuthPrincipal
import io.wampkit.router.auth.WampAuthenticator
import io.wampkit.router.auth.acceptAuth
import io.wampkit.router.auth.challengeAuth
import io.wampkit.router.auth.denyAuth
import io.wampkit.value.wampDictOf

/** The keys a SCRAM principal is stored as (never the password): one pair per dialect. */
internal class ScramPrincipal(
    val role: String,
    val kdf: ScramKdf,
    val salt: ByteArray,
    val iterations: Int,
    val memoryKiB: Int,
    private val keys: Map<ScramDialect, Pair<ByteArray, ByteArray>>,
) {
    fun supports(dialect: ScramDialect): Boolean = dialect in keys
    fun storedKey(dialect: ScramDialect): ByteArray = keys.getValue(dialect).first
    fun serverKey(dialect: ScramDialect): ByteArray = keys.getValue(dialect).second

    companion object {
        /** Derives the stored and server keys from [password] once (the KDF runs at build time only). */
        fun derive(password: String, role: String, kdf: ScramKdf, salt: ByteArray, iterations: Int, memoryKiB: Int): ScramPrincipal {
            val raw = WampScram.saltedPassword(ScramDialect.WAMP_SCRAM, kdf, password, salt, iterations, memoryKiB)
            val keys = ScramDialect.entries.associateWith { dialect ->
                val salted = if (kdf == ScramKdf.ARGON2ID && dialect == ScramDialect.CROSSBAR) {
                    java.util.Base64.getEncoder().withoutPadding().encodeToString(raw).toByteArray(Charsets.US_ASCII)
                } else {
                    raw
                }
                WampScram.storedKey(salted) to WampScram.serverKey(salted)
            }
            return ScramPrincipal(role, kdf, salt, iterations, memoryKiB, keys)
        }
    }
}

/** WAMP-SCRAM for [dialect]: CHALLENGE with nonce/salt/kdf/cost, proof check, server signature in WELCOME. */
internal class StaticScramAuthenticator(
    private val dialect: ScramDialect,
    private val users: Map<String, ScramPrincipal>,
) : WampAuthenticator {
    override val method: String get() = dialect.method

    override suspend fun authenticate(hello: AuthHello): AuthDecision {
        val authId = hello.authId ?: return denyAuth("SCRAM without authid")
        val user = users[authId]?.takeIf { it.supports(dialect) } ?: return denyAuth("no $method principal '$authId'")
        val clientNonce = hello.authExtra.string("nonce")
        if (clientNonce == null || runCatching { WampAuthCrypto.unbase64(clientNonce) }.isFailure) {
            return denyAuth("SCRAM HELLO without a base64 nonce")
        }
        if (hello.authExtra.string("channel_binding") != null) return denyAuth("SCRAM channel binding requested")
        val serverNonce = clientNonce + WampAuthCrypto.base64(randomBytes(NONCE_LENGTH))
        val salt = WampAuthCrypto.base64(user.salt)
        val extra = buildMap<String, Any?> {
            put("nonce", serverNonce)
            put("salt", salt)
            put("kdf", dialect.kdfName(user.kdf))
            put("iterations", user.iterations)
            if (user.kdf == ScramKdf.ARGON2ID) put("memory", user.memoryKiB)
        }
        val message = WampScram.authMessage(dialect, authId, clientNonce, serverNonce, salt, user.iterations)
        return challengeAuth(wampDictOf(*extra.toList().toTypedArray())) { answer ->
            val nonceOk = dialect == ScramDialect.CROSSBAR || answer.extra.string("nonce") == serverNonce
            val proof = runCatching { WampAuthCrypto.unbase64(answer.signature) }.getOrNull()
            if (nonceOk && proof != null && WampScram.verifyClientProof(user.storedKey(dialect), message, proof)) {
                val signature = WampAuthCrypto.base64(WampScram.serverSignature(user.serverKey(dialect), message))
                acceptAuth(AuthPrincipal(authId, user.role, "static", wampDictOf(dialect.verifierKey to signature)))
            } else {
                denyAuth("SCRAM proof does not verify")
            }
        }
    }

    private companion object {
        const val NONCE_LENGTH = 16
    }
}
