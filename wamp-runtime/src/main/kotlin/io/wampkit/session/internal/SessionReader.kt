package io.wampkit.session.internal

import io.wampkit.WampConnectionClosedException
import io.wampkit.WampErrors
import io.wampkit.WampProtocolViolationException
import io.wampkit.message.Abort
import io.wampkit.message.Goodbye
import io.wampkit.message.MessageCode
import io.wampkit.message.WampMessage
import io.wampkit.session.SessionCloseDetails
import io.wampkit.value.WampDict
import io.wampkit.value.wampDictOf
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.NonCancellable
import kotlinx.coroutines.withContext
import org.slf4j.LoggerFactory

private val log = LoggerFactory.getLogger(ClientSession::class.java)

/**
 * The session's one reader coroutine: routes every incoming message ([Inbound]) until GOODBYE, ABORT, a
 * protocol violation or the loss of the connection, then ends the session with how it ended.
 */
internal suspend fun ClientSession.readLoop() {
    var ending: SessionCloseDetails? = null
    try {
        while (handle(transport.receive())) Unit
    } catch (e: WampProtocolViolationException) {
        log.warn("session {}: protocol violation by the router: {}", sessionId, e.message)
        runCatchingUnlessCancelled { transport.send(Abort(wampDictOf("message" to e.message), WampErrors.PROTOCOL_VIOLATION)) }
        ending = SessionCloseDetails(WampErrors.PROTOCOL_VIOLATION, e.message, byPeer = false, cause = e)
    } catch (e: WampConnectionClosedException) {
        ending = SessionCloseDetails(SessionCloseDetails.TRANSPORT_LOST, e.message, byPeer = true, cause = e)
    } catch (e: CancellationException) {
        throw e
    } catch (e: Exception) {
        ending = SessionCloseDetails(SessionCloseDetails.TRANSPORT_LOST, e.message, byPeer = true, cause = e)
    } finally {
        goodbyeReceived.complete(Unit)
        if (!leaving.get()) {
            withContext(NonCancellable) {
                shutdown(ending ?: SessionCloseDetails(WampErrors.CLOSE_NORMAL, "session scope cancelled"))
            }
        }
    }
}

/** Routes one message; false when the session has ended. */
private suspend fun ClientSession.handle(message: WampMessage): Boolean = when (message) {
    is Goodbye -> {
        if (leaving.get()) {
            goodbyeAnswered.set(true)
            goodbyeReceived.complete(Unit)
        } else {
            val replied = runCatchingUnlessCancelled { transport.send(Goodbye(WampDict.EMPTY, WampErrors.GOODBYE_AND_OUT)) }.isSuccess
            val text = message.details.string("message")
            shutdown(SessionCloseDetails(message.reason, text, byPeer = true, isGraceful = replied))
        }
        false
    }
    is Abort -> {
        shutdown(SessionCloseDetails(message.reason, message.details.string("message"), byPeer = true))
        false
    }
    else -> inbound.route(message) ||
        throw WampProtocolViolationException("a router does not send ${MessageCode.name(message.code)}")
}
