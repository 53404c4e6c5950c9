package io.wampkit.session.internal

import io.wampkit.WampProtocolViolationException
import io.wampkit.auth.ClientAuthExchange
import io.wampkit.auth.ClientAuthenticator
import io.wampkit.auth.WampAuthenticationException
import io.wampkit.message.Authenticate
import io.wampkit.message.Challenge
import io.wampkit.value.WampDict
import io.wampkit.value.wampDictOf

/** The client side of one join's authentication: HELLO details, CHALLENGE answers, the WELCOME check. */
internal class AuthHandshake(
    authenticators: List<ClientAuthenticator>,
    authId: String?,
    private val authExtra: WampDict,
) {
    private val exchanges: Map<String, ClientAuthExchange>
    private val authId: String?
    private var challenged: String? = null

    init {
        val methods = authenticators.map { it.method }
        require(methods.size == methods.toSet().size) { "each authentication method may be offered once: $methods" }
        val ids = authenticators.mapNotNull { it.authId }.toSet()
        require(authId != null || ids.size <= 1) { "the authenticators name different authids; pass authId explicitly" }
        this.authId = authId ?: ids.firstOrNull()
        exchanges = authenticators.associate { it.method to it.start() }
    }

    fun helloDetails(base: WampDict): WampDict {
        if (exchanges.isEmpty() && authId == null && authExtra.isEmpty()) return base
        val extra = HashMap<String, Any?>(authExtra)
        for (exchange in exchanges.values) extra.putAll(exchange.authExtra)
        val auth = buildMap<String, Any?> {
            if (exchanges.isNotEmpty()) put("authmethods", exchanges.keys.toList())
            authId?.let { put("authid", it) }
            if (extra.isNotEmpty()) put("authextra", extra)
        }
        return WampDict(base + wampDictOf(*auth.toList().toTypedArray()))
    }

    suspend fun respond(challenge: Challenge): Authenticate {
        val exchange = exchanges[challenge.authMethod]
            ?: throw WampProtocolViolationException(
                "router sent CHALLENGE for '${challenge.authMethod}', a method this session did not offer",
            )
        challenged = challenge.authMethod
        return exchange.respond(challenge)
    }

    fun verifyWelcome(details: WampDict) {
        val method = details.string("authmethod")
        val exchange = method?.let { exchanges[it] } ?: return
        if (challenged != null && challenged != method) {
            throw WampAuthenticationException("WELCOME names authmethod '$method' but the challenge was for '$challenged'")
        }
        exchange.verifyWelcome(details)
    }
}
