package io.wampkit.java.internal

import io.wampkit.java.CallReply
import io.wampkit.java.IncomingCall
import io.wampkit.java.IncomingEvent
import io.wampkit.java.Payload
import io.wampkit.session.CallResult
import io.wampkit.session.WampEvent
import io.wampkit.session.WampInvocation
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.future.future
import java.util.concurrent.CompletableFuture

internal class DefaultCallReply(result: CallResult) : PlainPayload(result.args, result.kwargs), CallReply {
    private val raw = result.details
    override val details: Map<String, Any?> get() = plainMap(raw)
    override val isProgress: Boolean = result.isProgress
    override fun toString(): String = "CallReply(args=$wampArgs, kwargs=$wampKwargs, details=$raw)"
}

internal class DefaultIncomingCall(
    private val invocation: WampInvocation,
    private val scope: CoroutineScope,
) : PlainPayload(invocation.args, invocation.kwargs), IncomingCall {
    override val procedure: String get() = invocation.procedure
    override val details: Map<String, Any?> get() = plainMap(invocation.details)
    override val registration: Long get() = invocation.registration
    override val request: Long get() = invocation.request
    override val receiveProgress: Boolean get() = invocation.receiveProgress

    override fun progress(payload: Payload): CompletableFuture<Boolean> =
        scope.future { invocation.progress(payload.wampArgs, payload.wampKwargs) }

    override fun toString(): String = "IncomingCall($procedure, args=$wampArgs, kwargs=$wampKwargs, request=$request)"
}

internal class DefaultIncomingEvent(private val event: WampEvent) : PlainPayload(event.args, event.kwargs), IncomingEvent {
    override val topic: String get() = event.topic
    override val details: Map<String, Any?> get() = plainMap(event.details)
    override val subscription: Long get() = event.subscription
    override val publication: Long get() = event.publication
    override fun toString(): String = "IncomingEvent($topic, args=$wampArgs, kwargs=$wampKwargs, publication=$publication)"
}
