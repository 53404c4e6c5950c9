package io.wampkit.auth.internal

import io.wampkit.auth.ClientAuthExchange
import io.wampkit.auth.ClientAuthenticator
import io.wampkit.auth.ScramDialect
import io.wampkit.auth.ScramKdf
import io.wampkit.auth.WampAuthCrypto
import io.wampkit.auth.WampAuthenticationException
import io.wampkit.auth.WampScram
import io.wampkit.message.Authenticate
import io.wampkit.message.Challenge
import io.wampkit.value.WampDict
import io.wampkit.value.WampInt
import io.wampkit.value.wampDictOf
import kotlinx.coroutines.withContext
import kotlin.coroutines.CoroutineContext
import java.security.SecureRandom

internal class ScramClient(
    override val authId: String,
    private val password: String,
    private val dialect: ScramDialect,
    private val kdfContext: CoroutineContext,
) : ClientAuthenticator {
    override val method: String get() = dialect.method
    override fun start(): ClientAuthExchange = Exchange()
    override fun toString(): String = "scramAuth(authId=$authId, password=***, dialect=$dialect)"

    private inner class Exchange : ClientAuthExchange {
        private val clientNonce = WampAuthCrypto.base64(ByteArray(NONCE_LENGTH).also { random.nextBytes(it) })
        private var serverSignature: ByteArray? = null

        override val authExtra: WampDict = wampDictOf("nonce" to clientNonce)

        override suspend fun respond(challenge: Challenge): Authenticate {
            val extra = challenge.extra
            val serverNonce = extra.string("nonce")
            if (serverNonce == null || !serverNonce.startsWith(clientNonce) || serverNonce.length == clientNonce.length) {
                throw WampAuthenticationException("SCRAM CHALLENGE nonce does not extend the client nonce")
            }
            val kdf = dialect.kdfOf(extra.string("kdf"))
                ?: throw WampAuthenticationException("SCRAM CHALLENGE names an unsupported kdf")
            val saltText = extra.string("salt") ?: throw WampAuthenticationException("SCRAM CHALLENGE has no salt")
            val salt = runCatching { WampAuthCrypto.unbase64(saltText) }.getOrNull()
                ?: throw WampAuthenticationException("SCRAM CHALLENGE salt is not base64")
            val iterations = (extra["iterations"] as? WampInt)?.value ?: -1L
            val memory = (extra["memory"] as? WampInt)?.value ?: -1L
            checkCost(kdf, iterations, memory)
            val salted = withContext(kdfContext) {
                WampScram.saltedPassword(dialect, kdf, password, salt, iterations.toInt(), memory.toInt())
            }
            val message = WampScram.authMessage(dialect, authId, clientNonce, serverNonce, saltText, iterations.toInt())
            serverSignature = WampScram.serverSignature(WampScram.serverKey(salted), message)
            val proof = WampAuthCrypto.base64(WampScram.clientProof(salted, message))
            val answerExtra = if (dialect == ScramDialect.WAMP_SCRAM) wampDictOf("nonce" to serverNonce) else WampDict.EMPTY
            return Authenticate(proof, answerExtra)
        }

        override fun verifyWelcome(details: WampDict) {
            val expected = serverSignature ?: throw WampAuthenticationException("WELCOME for SCRAM without a CHALLENGE")
            val text = details.dict("authextra")?.string(dialect.verifierKey)?.removePrefix("v=")
                ?: throw WampAuthenticationException("WELCOME carries no SCRAM server signature")
            val received = runCatching { WampAuthCrypto.unbase64(text) }.getOrNull()
            if (received == null || !WampAuthCrypto.constantTimeEquals(received, expected)) {
                throw WampAuthenticationException("SCRAM server signature does not verify")
            }
        }
    }

    /** Refuses cost parameters a rogue router could use to get a cheap hash, or to exhaust this client. */
    private fun checkCost(kdf: ScramKdf, iterations: Long, memory: Long) {
        val ok = when (kdf) {
            ScramKdf.PBKDF2 -> iterations in MIN_PBKDF2_ITERATIONS..MAX_ITERATIONS
            ScramKdf.ARGON2ID -> iterations in 1..MAX_ITERATIONS && memory in MIN_ARGON2_MEMORY..MAX_ARGON2_MEMORY
        }
        if (!ok) throw WampAuthenticationException("SCRAM CHALLENGE has unacceptable cost parameters")
    }

    private companion object {
        val random = SecureRandom()
        const val NONCE_LENGTH = 16
        const val MIN_PBKDF2_ITERATIONS = 1000L
        const val MAX_ITERATIONS = 10_000_000L
        const val MIN_ARGON2_MEMORY = 8L
        const val MAX_ARGON2_MEMORY = 256L * 1024L // 256 MiB
    }
}
