package io.wampkit.session.internal

import io.wampkit.WampErrors
import io.wampkit.WampException
import io.wampkit.message.Error
import io.wampkit.message.Invocation
import io.wampkit.message.MessageCode
import io.wampkit.message.WampMessage
import io.wampkit.message.Yield
import io.wampkit.session.InvocationHandler
import io.wampkit.session.SessionLimits
import io.wampkit.session.WampInvocation
import io.wampkit.transport.WampTransport
import io.wampkit.value.WampBool
import io.wampkit.value.WampDict
import io.wampkit.value.wampListOf
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.CoroutineName
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.DelicateCoroutinesApi
import kotlinx.coroutines.Job
import kotlinx.coroutines.NonCancellable
import kotlinx.coroutines.currentCoroutineContext
import kotlinx.coroutines.ensureActive
import kotlinx.coroutines.isActive
import kotlinx.coroutines.launch
import kotlinx.coroutines.sync.Semaphore
import kotlinx.coroutines.withContext
import org.slf4j.LoggerFactory
import java.util.concurrent.ConcurrentHashMap

internal class ProcedureEntry(val procedure: String, val handler: InvocationHandler)

/** Runs each INVOCATION as a child coroutine of the session and answers it with YIELD or ERROR. */
internal class Invocations(
    private val scope: CoroutineScope,
    private val transport: WampTransport,
    private val procedures: MutableMap<Long, ProcedureEntry>,
    maxConcurrent: Int = SessionLimits.DEFAULT_MAX_CONCURRENT_INVOCATIONS,
) {
    /** One permit per running handler: the reader waits for one before it starts the next. */
    private val permits = Semaphore(maxConcurrent)
    private val running = ConcurrentHashMap<Long, Job>()
    private val interrupted = ConcurrentHashMap.newKeySet<Long>()

    // ATOMIC is delicate because a cancelled coroutine still runs: that is the point here, it answers the INTERRUPT
    @OptIn(DelicateCoroutinesApi::class)
    suspend fun start(message: Invocation) {
        permits.acquire() // all handlers busy: the reader stops here, and the router's flow control takes over
        val entry = procedures[message.registration]
        // interrupt() cancels this handle; ATOMIC makes the body run (and answer CANCELED) even when the
        // INTERRUPT arrives before the handler was dispatched
        val handle = Job(scope.coroutineContext[Job])
        running[message.request] = handle
        scope.launch(handle + CoroutineName("wamp-invocation-${message.request}"), CoroutineStart.ATOMIC) {
            val reply = try {
                currentCoroutineContext().ensureActive() // interrupted before it was dispatched: no handler runs
                if (entry == null) {
                    error(message, WampErrors.NO_SUCH_REGISTRATION, "no registration ${message.registration} here")
                } else {
                    val invocation = WampInvocation(
                        message.details.string("procedure") ?: entry.procedure, message.args, message.kwargs, message.details,
                        message.registration, message.request,
                    )
                    if (message.details.boolean("receive_progress") == true) {
                        invocation.progressSink = { args, kwargs -> transport.send(Yield(message.request, PROGRESS, args, kwargs)) }
                    }
                    try {
                        val result = entry.handler.invoke(invocation)
                        Yield(message.request, WampDict.EMPTY, result.args, result.kwargs)
                    } finally {
                        invocation.progressSink = null // no progress after the final answer
                    }
                }
            } catch (e: WampException) {
                Error(MessageCode.INVOCATION, message.request, WampDict.EMPTY, e.uri, e.args, e.kwargs)
            } catch (e: CancellationException) {
                when {
                    interrupted.remove(message.request) -> error(message, WampErrors.CANCELED, "invocation interrupted")
                    !currentCoroutineContext().isActive -> throw e // the session is ending
                    // the handler's own withTimeout (or similar) expired: it failed like any other exception
                    else -> error(message, WampErrors.RUNTIME_ERROR, e.message ?: e.toString())
                }
            } catch (e: Throwable) {
                log.debug("handler of {} failed", entry?.procedure, e)
                error(message, WampErrors.RUNTIME_ERROR, e.message ?: e.toString())
            } finally {
                running.remove(message.request)
                handle.complete()
                permits.release()
            }
            withContext(NonCancellable) { sendQuietly(reply) }
        }
    }

    /**
     * The router revoked [registration] (UNREGISTERED with request 0): its handler gets no new invocation;
     * running ones finish and are answered as usual.
     */
    fun revoke(registration: Long, reason: String?) {
        val entry = procedures.remove(registration) ?: return
        log.info("registration {} of '{}' revoked by the router: {}", registration, entry.procedure, reason)
    }

    fun interrupt(request: Long) {
        val job = running[request] ?: return
        interrupted += request
        job.cancel(CancellationException("interrupted by the router"))
    }

    private fun error(message: Invocation, uri: String, text: String): WampMessage =
        Error(MessageCode.INVOCATION, message.request, WampDict.EMPTY, uri, wampListOf(text))

    private suspend fun sendQuietly(message: WampMessage) {
        try {
            transport.send(message)
        } catch (e: Exception) {
            log.debug("could not answer an invocation: {}", e.message)
        }
    }

    private companion object {
        val log = LoggerFactory.getLogger(Invocations::class.java)
        val PROGRESS = WampDict(mapOf("progress" to WampBool(true)))
    }
}
