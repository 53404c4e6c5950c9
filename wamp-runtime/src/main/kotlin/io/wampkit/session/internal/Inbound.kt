package io.wampkit.session.internal

import io.wampkit.WampProtocolViolationException
import io.wampkit.message.Error
import io.wampkit.message.Event
import io.wampkit.message.Interrupt
import io.wampkit.message.Invocation
import io.wampkit.message.MessageCode
import io.wampkit.message.Published
import io.wampkit.message.Registered
import io.wampkit.message.Result
import io.wampkit.message.Subscribed
import io.wampkit.message.Unregistered
import io.wampkit.message.Unsubscribed
import io.wampkit.message.WampMessage
import org.slf4j.LoggerFactory

/**
 * The reader's routing of everything but the session's own lifecycle: replies go to their pending request
 * by request id, invocations and interrupts to [Invocations], events to their [SubscriptionSlot].
 */
internal class Inbound(
    private val sessionId: Long,
    private val requests: PendingRequests,
    private val invocations: Invocations,
    private val slots: Map<Long, SubscriptionSlot>,
) {
    /**
     * Routes [message]; false when it is none of the above (GOODBYE, ABORT, or something a router never sends).
     * @throws WampProtocolViolationException when it answers a request it cannot answer.
     */
    suspend fun route(message: WampMessage): Boolean {
        when (message) {
            is Result -> if (message.details.boolean("progress") == true) {
                requests.progress(message)
            } else {
                requests.complete(message.request, MessageCode.CALL, message)
            }
            is Registered -> requests.complete(message.request, MessageCode.REGISTER, message)
            is Unregistered -> if (message.isRevocation) {
                invocations.revoke(message.details.long("registration") ?: 0, message.details.string("reason"))
            } else {
                requests.complete(message.request, MessageCode.UNREGISTER, message)
            }
            is Subscribed -> requests.complete(message.request, MessageCode.SUBSCRIBE, message)
            is Unsubscribed -> requests.complete(message.request, MessageCode.UNSUBSCRIBE, message)
            is Published -> requests.complete(message.request, MessageCode.PUBLISH, message)
            is Error -> {
                if (message.requestType == MessageCode.INVOCATION) {
                    throw WampProtocolViolationException("ERROR for an INVOCATION can only go from callee to router")
                }
                requests.complete(message.request, message.requestType, message)
            }
            is Invocation -> invocations.start(message)
            is Interrupt -> invocations.interrupt(message.request)
            is Event -> slots[message.subscription]?.offer(message)
                ?: log.debug("session {}: event for unknown subscription {}", sessionId, message.subscription)
            else -> return false
        }
        return true
    }

    private companion object {
        val log = LoggerFactory.getLogger(Inbound::class.java)
    }
}
