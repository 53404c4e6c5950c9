package io.wampkit.session.internal

import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.currentCoroutineContext
import kotlinx.coroutines.isActive

/**
 * [runCatching] for suspending work whose failure is ignored (a best-effort send): every failure becomes
 * [Result.failure], except the cancellation of the calling coroutine, which is rethrown so that it
 * propagates. A [CancellationException] while the caller is still active (a transport whose channel was
 * cancelled, or the caller runs in [kotlinx.coroutines.NonCancellable]) is not the caller's cancellation:
 * it is a failure like any other.
 */
internal suspend inline fun <R> runCatchingUnlessCancelled(block: () -> R): Result<R> = try {
    Result.success(block())
} catch (e: CancellationException) {
    if (!currentCoroutineContext().isActive) throw e
    Result.failure(e)
} catch (e: Throwable) {
    Result.failure(e)
}
