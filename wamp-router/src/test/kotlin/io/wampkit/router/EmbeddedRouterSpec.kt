package io.wampkit.router

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.types.shouldBeInstanceOf
import io.wampkit.router.internal.DefaultEmbeddedRouter
import kotlinx.coroutines.Job
import kotlinx.coroutines.future.await
import kotlinx.coroutines.job

/** The embedded router's own coroutines end with it. */
class EmbeddedRouterSpec : FunSpec({
    suspend fun startedJob(): Pair<EmbeddedRouter, Job> {
        val embedded = WampRouters.start("realm1").await()
        val job = embedded.shouldBeInstanceOf<DefaultEmbeddedRouter>().scope.coroutineContext.job
        job.isActive shouldBe true
        return embedded to job
    }

    test("close() cancels the embedded router's coroutine scope: nothing of it outlives close()") {
        val (embedded, job) = startedJob()
        embedded.close()
        job.isCancelled shouldBe true
        job.join()
        job.children.count() shouldBe 0
    }

    test("stop() cancels it too, once the router and its listener have stopped") {
        val (embedded, job) = startedJob()
        embedded.stop().await()
        job.isCancelled shouldBe true
        job.join()
    }
})
