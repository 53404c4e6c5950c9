@file:OptIn(kotlinx.coroutines.ExperimentalCoroutinesApi::class)

package io.wampkit.session.internal

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.types.shouldBeInstanceOf
import io.wampkit.WampConnectionClosedException
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.NonCancellable
import kotlinx.coroutines.awaitCancellation
import kotlinx.coroutines.launch
import kotlinx.coroutines.test.runCurrent
import kotlinx.coroutines.test.runTest
import kotlinx.coroutines.withContext

class RunCatchingUnlessCancelledSpec : FunSpec({
    test("a failure is returned, not thrown") {
        runTest {
            val result = runCatchingUnlessCancelled { throw WampConnectionClosedException("gone") }
            result.exceptionOrNull().shouldBeInstanceOf<WampConnectionClosedException>()
        }
    }

    test("the caller's cancellation propagates: nothing after it runs") {
        runTest {
            var ranOn = false
            val job = launch {
                runCatchingUnlessCancelled { awaitCancellation() }
                ranOn = true
            }
            runCurrent()
            job.cancel()
            job.join()
            ranOn shouldBe false
            job.isCancelled shouldBe true
        }
    }

    test("a CancellationException while the caller is active (a cancelled channel) is a failure") {
        runTest {
            val result = runCatchingUnlessCancelled { throw CancellationException("the channel was cancelled") }
            result.exceptionOrNull().shouldBeInstanceOf<CancellationException>()
        }
    }

    test("under NonCancellable nothing is cancelled: every failure is returned") {
        runTest {
            val job = launch {
                withContext(NonCancellable) {
                    runCatchingUnlessCancelled { throw CancellationException("stray") }.isFailure shouldBe true
                }
            }
            job.join()
            job.isCancelled shouldBe false
        }
    }
})
