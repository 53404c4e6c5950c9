package io.wampkit.auth

import kotlinx.coroutines.Dispatchers
import kotlin.coroutines.CoroutineContext
import io.wampkit.auth.internal.CryptosignClient
import io.wampkit.auth.internal.ScramClient
import io.wampkit.auth.internal.TicketClient
import io.wampkit.auth.internal.WampCraClient

/** Ticket authentication: answers the `ticket` CHALLENGE with [ticket] (sent in clear: use TLS). */
public fun ticketAuth(authId: String, ticket: String): ClientAuthenticator {
    require(authId.isNotEmpty()) { "ticket authentication needs an authid" }
    return TicketClient(authId, ticket)
}

/**
 * WAMP-CRA: signs the router's challenge with HMAC-SHA256 under [secret]; when the CHALLENGE carries
 * `salt`/`iterations`/`keylen`, the key is first derived with PBKDF2 (see [WampAuthCrypto.craKey]).
 */
public fun wampCraAuth(authId: String, secret: String): ClientAuthenticator {
    require(authId.isNotEmpty()) { "wampcra authentication needs an authid" }
    return WampCraClient(authId, secret)
}

/**
 * WAMP-Cryptosign with the 32-byte Ed25519 private key [privateKeySeed]: HELLO announces the public key
 * (`authextra.pubkey`, hex) and the 32-byte challenge is signed. [authId] may be null when the router
 * identifies the principal by its key. No TLS channel binding is requested.
 */
public fun cryptosignAuth(authId: String?, privateKeySeed: ByteArray): ClientAuthenticator =
    CryptosignClient(authId, privateKeySeed.copyOf())

/** [cryptosignAuth] with the private key seed given as 64 hex digits. */
public fun cryptosignAuth(authId: String?, privateKeyHex: String): ClientAuthenticator {
    val seed = runCatching { WampAuthCrypto.unhex(privateKeyHex) }.getOrNull()
    require(seed != null && seed.size == 32) { "an Ed25519 private key is 64 hex digits" }
    return CryptosignClient(authId, seed)
}

/**
 * WAMP-SCRAM with [password]: a client nonce in HELLO, the client proof in AUTHENTICATE (Argon2id or PBKDF2
 * as the router's CHALLENGE says), and the router's server signature checked in WELCOME; a wrong or
 * missing signature fails the join. [dialect] picks the spec's `wamp-scram` or Crossbar's `scram`.
 * The key derivation (CPU-heavy by design) runs in [kdfContext]; tests on virtual time pass
 * [kotlin.coroutines.EmptyCoroutineContext] so that it runs inline.
 */
public fun scramAuth(
    authId: String,
    password: String,
    dialect: ScramDialect = ScramDialect.WAMP_SCRAM,
    kdfContext: CoroutineContext = Dispatchers.Default,
): ClientAuthenticator {
    require(authId.isNotEmpty()) { "SCRAM authentication needs an authid" }
    return ScramClient(authId, password, dialect, kdfContext)
}
