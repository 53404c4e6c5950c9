package io.wampkit.router.auth

import io.wampkit.message.Authenticate
import io.wampkit.value.WampDict

internal class AcceptDecision(val principal: AuthPrincipal) : AuthDecision

internal class DenyDecision(val logReason: String) : AuthDecision

internal class ChallengeDecision(
    override val extra: WampDict,
    private val verifier: suspend (Authenticate) -> AuthDecision,
) : AuthChallenge {
    override suspend fun verify(authenticate: Authenticate): AuthDecision = verifier(authenticate)
}
