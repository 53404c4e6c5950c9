package io.wampkit.router.internal

import io.wampkit.WampProtocolViolationException
import io.wampkit.WampErrors
import io.wampkit.message.Call
import io.wampkit.message.Cancel
import io.wampkit.message.Error
import io.wampkit.message.Interrupt
import io.wampkit.message.Invocation
import io.wampkit.message.MessageCode
import io.wampkit.message.Register
import io.wampkit.message.Registered
import io.wampkit.message.Result
import io.wampkit.message.Unregister
import io.wampkit.message.Unregistered
import io.wampkit.message.Yield
import io.wampkit.value.WampBool
import io.wampkit.value.WampDict
import io.wampkit.value.WampInt
import io.wampkit.value.WampString
import io.wampkit.value.wampDictOf

internal class Procedure(val id: Long, val uri: String, val callee: RouterSession)

internal class PendingCall(
    val caller: RouterSession,
    val callRequest: Long,
    val callee: RouterSession,
    val invocation: Long,
    val progressive: Boolean,
)

/**
 * The dealer of one realm: exact-match registrations, one callee per procedure. Not thread-safe: the realm
 * calls it under its lock. Each method returns what to send; pending calls live on the sessions involved.
 */
internal class Dealer(private val ids: RouterIds) {
    private val byUri = HashMap<String, Procedure>()

    fun register(session: RouterSession, msg: Register): Delivery {
        session.rejectUnlessExact(msg.code, msg.request, msg.options, msg.procedure)?.let { return it }
        if (msg.procedure.startsWith(RESERVED_PREFIX)) {
            return session.error(msg.code, msg.request, WampErrors.INVALID_URI, "procedures under 'wamp.' are reserved")
        }
        if (msg.procedure in byUri) {
            return session.error(
                msg.code, msg.request, WampErrors.PROCEDURE_ALREADY_EXISTS, "'${msg.procedure}' is already registered",
            )
        }
        val procedure = Procedure(ids.newRouterScoped(), msg.procedure, session)
        byUri[procedure.uri] = procedure
        session.registrations[procedure.id] = procedure
        return Delivery(session, Registered(msg.request, procedure.id))
    }

    fun unregister(session: RouterSession, msg: Unregister): Delivery {
        val procedure = session.registrations.remove(msg.registration)
            ?: return session.error(msg.code, msg.request, WampErrors.NO_SUCH_REGISTRATION, "no registration ${msg.registration}")
        byUri.remove(procedure.uri)
        return Delivery(session, Unregistered(msg.request))
    }

    fun call(session: RouterSession, msg: Call): Delivery {
        if (msg.request in session.calls) throw WampProtocolViolationException("CALL request id ${msg.request} is already in use")
        val procedure = byUri[msg.procedure]
            ?: return session.error(msg.code, msg.request, WampErrors.NO_SUCH_PROCEDURE, "no procedure '${msg.procedure}'")
        val callee = procedure.callee
        // Passed on whether or not the callee announced progressive_call_results, as Crossbar.io does: a
        // callee that cannot send progress ignores the flag, and some that can (wampy.js) do not announce it.
        val progressive = msg.options.boolean("receive_progress") == true
        val pending = PendingCall(session, msg.request, callee, callee.nextInvocationId(), progressive)
        session.calls[msg.request] = pending
        callee.invocations[pending.invocation] = pending
        val details = invocationDetails(session, progressive, msg.options.boolean("disclose_me") == true)
        return Delivery(callee, Invocation(pending.invocation, procedure.id, details, msg.args, msg.kwargs))
    }

    /** A YIELD for an invocation the router no longer knows (the caller left or cancelled) is dropped. */
    fun yield(session: RouterSession, msg: Yield): Delivery? {
        val pending = session.invocations[msg.request] ?: return null
        if (msg.options.boolean("progress") == true) {
            if (!pending.progressive) return null
            return Delivery(pending.caller, Result(pending.callRequest, PROGRESS, msg.args, msg.kwargs))
        }
        forget(pending)
        return Delivery(pending.caller, Result(pending.callRequest, WampDict.EMPTY, msg.args, msg.kwargs))
    }

    /** A callee's ERROR goes to the caller unchanged: uri, args, kwargs. */
    fun error(session: RouterSession, msg: Error): Delivery? {
        val pending = session.invocations[msg.request] ?: return null
        forget(pending)
        return Delivery(pending.caller, Error(MessageCode.CALL, pending.callRequest, msg.details, msg.error, msg.args, msg.kwargs))
    }

    fun cancel(session: RouterSession, msg: Cancel): List<Delivery> {
        val pending = session.calls[msg.request] ?: return emptyList()
        val mode = msg.options.string("mode") ?: "killnowait"
        if (mode !in CANCEL_MODES) {
            return listOf(session.error(MessageCode.CANCEL, msg.request, WampErrors.INVALID_ARGUMENT, "unknown cancel mode '$mode'"))
        }
        val interrupt = pending.callee.features.callCanceling && mode != "skip"
        val interruptDelivery = Delivery(pending.callee, Interrupt(pending.invocation, wampDictOf("mode" to mode)))
        if (interrupt && mode == "kill") return listOf(interruptDelivery) // the callee's ERROR answers the caller
        forget(pending)
        val canceled = session.error(MessageCode.CALL, pending.callRequest, WampErrors.CANCELED, "the call was canceled")
        return if (interrupt) listOf(interruptDelivery, canceled) else listOf(canceled)
    }

    /** Drops [session]'s registrations; its callers get `wamp.error.canceled`, its callees an INTERRUPT. */
    fun detach(session: RouterSession): List<Delivery> {
        for (procedure in session.registrations.values) byUri.remove(procedure.uri)
        session.registrations.clear()
        val out = ArrayList<Delivery>()
        for (pending in session.invocations.values.toList()) {
            forget(pending)
            out += pending.caller.error(MessageCode.CALL, pending.callRequest, WampErrors.CANCELED, "the callee left")
        }
        for (pending in session.calls.values.toList()) {
            forget(pending)
            if (pending.callee.features.callCanceling) {
                out += Delivery(pending.callee, Interrupt(pending.invocation, wampDictOf("mode" to "killnowait")))
            }
        }
        return out
    }

    /** INVOCATION.Details: `receive_progress` when asked for, the caller's identity when it disclosed itself. */
    private fun invocationDetails(caller: RouterSession, progressive: Boolean, disclose: Boolean): WampDict = when {
        !disclose -> if (progressive) RECEIVE_PROGRESS else WampDict.EMPTY
        else -> WampDict(
            buildMap {
                if (progressive) put("receive_progress", WampBool(true))
                put("caller", WampInt(caller.id))
                put("caller_authid", WampString(caller.identity.authId))
                put("caller_authrole", WampString(caller.identity.authRole))
            },
        )
    }

    private fun forget(pending: PendingCall) {
        pending.caller.calls.remove(pending.callRequest)
        pending.callee.invocations.remove(pending.invocation)
    }

    private companion object {
        const val RESERVED_PREFIX = "wamp."
        val CANCEL_MODES = setOf("skip", "kill", "killnowait")
        val RECEIVE_PROGRESS = WampDict(mapOf("receive_progress" to WampBool(true)))
        val PROGRESS = WampDict(mapOf("progress" to WampBool(true)))
    }
}
