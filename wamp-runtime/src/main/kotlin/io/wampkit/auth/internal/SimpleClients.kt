package io.wampkit.auth.internal

import io.wampkit.auth.ClientAuthExchange
import io.wampkit.auth.ClientAuthenticator
import io.wampkit.auth.WampAuth
import io.wampkit.auth.WampAuthCrypto
import io.wampkit.auth.WampAuthenticationException
import io.wampkit.message.Authenticate
import io.wampkit.message.Challenge
import io.wampkit.value.WampDict
import io.wampkit.value.WampInt
import io.wampkit.value.wampDictOf

/** A stateless exchange: no HELLO extras, no WELCOME check. */
private class StatelessExchange(
    override val authExtra: WampDict,
    private val answer: suspend (Challenge) -> Authenticate,
) : ClientAuthExchange {
    override suspend fun respond(challenge: Challenge): Authenticate = answer(challenge)
}

internal class TicketClient(override val authId: String, private val ticket: String) : ClientAuthenticator {
    override val method: String get() = WampAuth.TICKET
    override fun start(): ClientAuthExchange = StatelessExchange(WampDict.EMPTY) { Authenticate(ticket, WampDict.EMPTY) }
    override fun toString(): String = "ticketAuth(authId=$authId, ticket=***)"
}

internal class WampCraClient(override val authId: String, private val secret: String) : ClientAuthenticator {
    override val method: String get() = WampAuth.WAMPCRA
    override fun start(): ClientAuthExchange = StatelessExchange(WampDict.EMPTY) { sign(it.extra) }
    override fun toString(): String = "wampCraAuth(authId=$authId, secret=***)"

    private fun sign(extra: WampDict): Authenticate {
        val challenge = extra.string("challenge") ?: throw WampAuthenticationException("wampcra CHALLENGE has no 'challenge'")
        val salt = extra.string("salt")
        val key = if (salt == null) {
            WampAuthCrypto.craKey(secret)
        } else {
            val iterations = (extra["iterations"] as? WampInt)?.value ?: DEFAULT_ITERATIONS
            val keyLength = (extra["keylen"] as? WampInt)?.value ?: DEFAULT_KEYLEN
            if (iterations !in 1..MAX_ITERATIONS || keyLength !in 1..MAX_KEYLEN) {
                throw WampAuthenticationException("wampcra CHALLENGE has unacceptable PBKDF2 parameters")
            }
            WampAuthCrypto.craKey(secret, salt, iterations.toInt(), keyLength.toInt())
        }
        return Authenticate(WampAuthCrypto.craSignature(key, challenge), WampDict.EMPTY)
    }

    private companion object {
        const val DEFAULT_ITERATIONS = 1000L
        const val DEFAULT_KEYLEN = 32L
        const val MAX_ITERATIONS = 10_000_000L
        const val MAX_KEYLEN = 1024L
    }
}

internal class CryptosignClient(override val authId: String?, private val seed: ByteArray) : ClientAuthenticator {
    private val publicKeyHex = WampAuthCrypto.hex(WampAuthCrypto.ed25519PublicKey(seed))

    override val method: String get() = WampAuth.CRYPTOSIGN
    override fun start(): ClientAuthExchange = StatelessExchange(wampDictOf("pubkey" to publicKeyHex)) { sign(it.extra) }
    override fun toString(): String = "cryptosignAuth(authId=$authId, pubkey=$publicKeyHex)"

    private fun sign(extra: WampDict): Authenticate {
        val challengeHex = extra.string("challenge")
        val challenge = challengeHex?.let { runCatching { WampAuthCrypto.unhex(it) }.getOrNull() }
        if (challenge == null || challenge.size != CHALLENGE_LENGTH) {
            throw WampAuthenticationException("cryptosign CHALLENGE needs a 32-byte hex 'challenge'")
        }
        val binding = extra.string("channel_binding")
        if (binding != null) throw WampAuthenticationException("cryptosign channel binding '$binding' is not supported")
        val signature = WampAuthCrypto.ed25519Sign(seed, challenge)
        return Authenticate(WampAuthCrypto.hex(signature) + WampAuthCrypto.hex(challenge), WampDict.EMPTY)
    }

    private companion object {
        const val CHALLENGE_LENGTH = 32
    }
}
