package io.wampkit.router.internal

import io.wampkit.WampConnectionClosedException
import io.wampkit.WampProtocolViolationException
import io.wampkit.auth.WampAuth
import io.wampkit.message.Abort
import io.wampkit.message.Authenticate
import io.wampkit.message.Challenge
import io.wampkit.message.Hello
import io.wampkit.message.MessageCode
import io.wampkit.message.WampMessage
import io.wampkit.router.auth.AuthChallenge
import io.wampkit.router.auth.AuthDecision
import io.wampkit.router.auth.AuthHello
import io.wampkit.router.auth.AcceptDecision
import io.wampkit.router.auth.DenyDecision
import io.wampkit.router.auth.internal.RealmSecurity
import io.wampkit.transport.WampTransport
import io.wampkit.value.WampDict
import io.wampkit.value.WampList
import io.wampkit.value.WampString
import io.wampkit.value.wampDictOf
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.withTimeoutOrNull
import org.slf4j.LoggerFactory

/**
 * The router side of authentication for one HELLO: picks the first of the client's `authmethods` the realm
 * has, runs its authenticator (CHALLENGE/AUTHENTICATE as often as it asks) within [timeoutMillis], and
 * returns the identity to welcome, or null after sending ABORT. Failures say nothing about which part failed.
 */
internal class RouterAuthentication(
    private val sessionId: Long,
    private val transport: WampTransport,
    private val send: suspend (WampMessage) -> Unit,
    private val timeoutMillis: Long,
) {
    suspend fun authenticate(hello: Hello, security: RealmSecurity): SessionIdentity? {
        val methods = offeredMethods(hello.details)
        val method = methods.firstOrNull { it in security.authenticators }
        if (method == null) {
            log.info("session {}: none of the authmethods {} is available in realm '{}'", sessionId, methods, hello.realm)
            send(Abort(wampDictOf("message" to "no authentication method in common"), WampAuth.NO_AUTH_METHOD))
            return null
        }
        val authId = hello.details.string("authid")
        val request = AuthHello(hello.realm, authId, hello.details.dict("authextra") ?: WampDict.EMPTY, sessionId, method)
        val outcome = withTimeoutOrNull(timeoutMillis) { Outcome(run(request, security)) }
            ?: return fail(request, "no decision within $timeoutMillis ms")
        return when (val decision = outcome.decision) {
            is AcceptDecision -> with(decision.principal) {
                SessionIdentity(this.authId, authRole, method, authProvider, welcomeExtra)
            }
            is DenyDecision -> fail(request, decision.logReason)
            else -> {
                log.debug("session {}: the client aborted authentication", sessionId)
                null
            }
        }
    }

    /** [decision] is null when the client sent ABORT. */
    private class Outcome(val decision: AuthDecision?)

    /** Runs the authenticator to a decision; null when the client sent ABORT. */
    private suspend fun run(request: AuthHello, security: RealmSecurity): AuthDecision? {
        var decision = guarded { security.authenticators.getValue(request.method).authenticate(request) }
        while (decision is AuthChallenge) {
            val challenge = decision
            send(Challenge(request.method, challenge.extra))
            decision = when (val answer = transport.receive()) {
                is Authenticate -> guarded { challenge.verify(answer) }
                is Abort -> return null
                else -> throw WampProtocolViolationException(
                    "expected AUTHENTICATE, got ${MessageCode.name(answer.code)}",
                )
            }
        }
        return decision
    }

    private suspend fun guarded(step: suspend () -> AuthDecision): AuthDecision = try {
        step()
    } catch (e: CancellationException) {
        throw e
    } catch (e: WampConnectionClosedException) {
        throw e
    } catch (e: Exception) {
        log.warn("session {}: authenticator failed: {}", sessionId, e.javaClass.name)
        DenyDecision("authenticator threw ${e.javaClass.simpleName}")
    }

    private suspend fun fail(request: AuthHello, reason: String): SessionIdentity? {
        log.info("session {}: authentication of '{}' via {} failed: {}", sessionId, request.authId, request.method, reason)
        send(Abort(wampDictOf("message" to "authentication failed"), WampAuth.AUTHENTICATION_FAILED))
        return null
    }

    private fun offeredMethods(details: WampDict): List<String> {
        val raw = details["authmethods"] ?: return listOf(WampAuth.ANONYMOUS)
        val list = raw as? WampList ?: throw WampProtocolViolationException("HELLO.Details.authmethods must be a list")
        return list.map { (it as? WampString)?.value ?: throw WampProtocolViolationException("authmethods must be strings") }
    }

    private companion object {
        val log = LoggerFactory.getLogger(RouterAuthentication::class.java)
    }
}
