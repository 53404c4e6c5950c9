package io.wampkit.samples

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContain
import io.kotest.matchers.shouldBe
import io.wampkit.router.startServer
import io.wampkit.router.wampRouter
import kotlinx.coroutines.withTimeout

class SupervisorDemoSpec : FunSpec({
    test("flaky crashes twice and is restarted while add2 keeps serving the caller") {
        val router = wampRouter { realm("realm1") }
        val server = router.startServer(port = 0)
        try {
            val lines = mutableListOf<String>()
            val report = withTimeout(30_000) { runSupervisorDemo(server.url, "realm1", 2) { synchronized(lines) { lines += it } } }
            report shouldBe SupervisorDemoReport(2, listOf(41, 42), "flaky up after 2 restarts")
            lines shouldContain "flaky: crashing on join #2"
            lines shouldContain "flaky: serving on join #3"
            router.sessionCount("realm1") shouldBe 0
        } finally {
            router.close()
            server.stop()
        }
    }
})
