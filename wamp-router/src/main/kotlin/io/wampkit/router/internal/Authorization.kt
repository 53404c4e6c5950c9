package io.wampkit.router.internal

import io.wampkit.WampErrors
import io.wampkit.message.Call
import io.wampkit.message.Error
import io.wampkit.message.Publish
import io.wampkit.message.Register
import io.wampkit.message.Subscribe
import io.wampkit.message.WampMessage
import io.wampkit.router.auth.WampAction
import io.wampkit.router.auth.WampAuthorizer
import io.wampkit.value.WampDict
import io.wampkit.value.wampListOf
import org.slf4j.LoggerFactory

private val log = LoggerFactory.getLogger("io.wampkit.router.internal.Authorization")

/**
 * Whether [session] may send [message]; a denied CALL, REGISTER, SUBSCRIBE or acknowledged PUBLISH is
 * answered with ERROR `wamp.error.not_authorized` here. An authorizer that throws denies.
 */
internal suspend fun WampAuthorizer.admits(session: RouterSession, message: WampMessage): Boolean {
    val action: WampAction
    val uri: String
    when (message) {
        is Call -> { action = WampAction.CALL; uri = message.procedure }
        is Register -> { action = WampAction.REGISTER; uri = message.procedure }
        is Publish -> { action = WampAction.PUBLISH; uri = message.topic }
        is Subscribe -> { action = WampAction.SUBSCRIBE; uri = message.topic }
        else -> return true
    }
    val identity = session.identity
    val permitted = try {
        isPermitted(identity.authRole, identity.authId, action, uri)
    } catch (e: Exception) {
        log.warn("session {}: authorizer failed on {} '{}': {}", session.id, action, uri, e.toString())
        false
    }
    if (permitted) return true
    log.debug("session {} (role '{}'): {} on '{}' not authorized", session.id, identity.authRole, action, uri)
    if (message !is Publish || message.options.boolean("acknowledge") == true) {
        val text = "session is not authorized to ${action.name.lowercase()} '$uri'"
        val request = message.request
        session.offer(Error(message.code, request, WampDict.EMPTY, WampErrors.NOT_AUTHORIZED, wampListOf(text)))
    }
    return false
}
