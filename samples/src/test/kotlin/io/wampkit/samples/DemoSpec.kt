package io.wampkit.samples

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContain
import io.kotest.matchers.shouldBe
import io.wampkit.router.startServer
import io.wampkit.router.wampRouter
import kotlinx.coroutines.withTimeout

class DemoSpec : FunSpec({
    test("the demo's four components exchange calls and events through the embedded router") {
        val router = wampRouter { realm("realm1") }
        val server = router.startServer(port = 0)
        try {
            val lines = mutableListOf<String>()
            val report = withTimeout(30_000) { runDemo(server.url, "realm1", 7) { synchronized(lines) { lines += it } } }
            report.sums shouldBe listOf(5, 42, 0)
            report.events shouldBe (1..7).toList()
            lines shouldContain "caller: add2(2, 3) = 5"
            lines shouldContain "subscriber: received counter 7"
        } finally {
            server.stop()
            router.close()
        }
    }

    test("demo options: defaults, values and clear errors") {
        DemoOptions.parse(emptyArray()) shouldBe DemoOptions(null, "realm1", 5)
        DemoOptions.parse(arrayOf("--url", "ws://h:1/ws", "-r", "r2", "--events", "9")) shouldBe
            DemoOptions("ws://h:1/ws", "r2", 9)
        shouldThrow<IllegalArgumentException> { DemoOptions.parse(arrayOf("--bogus")) }.message shouldBe
            "unknown argument '--bogus'"
        shouldThrow<IllegalArgumentException> { DemoOptions.parse(arrayOf("--url")) }.message shouldBe "--url needs a value"
        shouldThrow<IllegalArgumentException> { DemoOptions.parse(arrayOf("--events", "0")) }
    }
})
