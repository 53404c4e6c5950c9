package io.wampkit.dsl.internal

import io.wampkit.auth.ClientAuthenticator
import io.wampkit.auth.ScramDialect
import io.wampkit.auth.cryptosignAuth
import io.wampkit.auth.scramAuth
import io.wampkit.auth.ticketAuth
import io.wampkit.auth.wampCraAuth
import io.wampkit.dsl.WampCredentials

/**
 * The authenticators a config file's credentials stand for, one per method in `auth-methods` order:
 * `ticket`, `wampcra`, `cryptosign` (secret = the Ed25519 private key seed in hex), `wamp-scram` or `scram`
 * (Crossbar's dialect). `anonymous` needs none.
 */
internal fun WampCredentials.authenticators(): List<ClientAuthenticator> = authMethods.mapNotNull { method ->
    if (method == "anonymous") return@mapNotNull null
    val secret = requireNotNull(secret) { "credentials for '$authId': auth method '$method' needs a secret" }
    when (method) {
        "ticket" -> ticketAuth(authId, secret)
        "wampcra" -> wampCraAuth(authId, secret)
        "cryptosign" -> cryptosignAuth(authId, secret)
        "wamp-scram" -> scramAuth(authId, secret, ScramDialect.WAMP_SCRAM)
        "scram" -> scramAuth(authId, secret, ScramDialect.CROSSBAR)
        else -> throw IllegalArgumentException("credentials for '$authId': unknown auth method '$method'")
    }
}
