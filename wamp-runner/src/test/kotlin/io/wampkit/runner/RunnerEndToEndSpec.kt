package io.wampkit.runner

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.wampkit.dsl.call
import io.wampkit.dsl.wampComponent
import io.wampkit.runner.fixtures.CrashOnce
import io.wampkit.runner.internal.Runner
import io.wampkit.runner.internal.RunnerOptions
import kotlinx.coroutines.async
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.withTimeout
import java.io.File
import java.util.concurrent.CopyOnWriteArrayList

/** The runner in process: a script and a class component on the embedded router. */
class RunnerEndToEndSpec : FunSpec({
    fun script(name: String): String = File(RunnerEndToEndSpec::class.java.getResource("/scripts/$name")!!.toURI()).path

    test("a script and a class component on the embedded router, each with its extra config; broken ones are reported and skipped") {
        val extra = File.createTempFile("extra", ".json").apply {
            writeText("""{"adder": {"offset": 100}, "Greeter": {"greeting": "bonjour"}}""")
            deleteOnExit()
        }
        val errors = CopyOnWriteArrayList<String>()
        val options = RunnerOptions.parse(
            arrayOf(
                "-c", script("adder.wamp.kts"), "-c", "io.wampkit.runner.fixtures.Greeter",
                "-c", "com.example.Missing", "-c", script("broken.wamp.kts"), "-e", extra.path,
            ),
            emptyMap(),
        )
        val runner = Runner(options, out = {}, err = { errors += it })
        withTimeout(120_000) {
            coroutineScope {
                val exit = async { runner.run() }
                runner.joined.await() shouldContainExactly listOf("adder", "Greeter")
                val routerUrl = runner.routerUrl.await()
                val client = wampComponent("client") { url = routerUrl }
                val clientJob = client.start(this)
                client.call<Int>("test.add", 2, 3) shouldBe 105
                client.call<String>("test.greet", "Ada") shouldBe "bonjour, Ada"
                clientJob.cancel()
                runner.requestStop()
                exit.await() shouldBe 0
            }
        }
        errors.joinToString("\n").let {
            it shouldContain "component 'com.example.Missing': no such class on the classpath"
            it shouldContain "component 'broken' does not compile:"
            it shouldContain "broken.wamp.kts:2:"
        }
    }

    test("with one component, the whole extra file is its config; a bad extra file exits 2") {
        val extra = File.createTempFile("extra", ".json").apply { writeText("""{"greeting": "hi"}"""); deleteOnExit() }
        val runner = Runner(RunnerOptions.parse(arrayOf("-c", "io.wampkit.runner.fixtures.Greeter", "-e", extra.path), emptyMap()), out = {})
        withTimeout(60_000) {
            coroutineScope {
                val exit = async { runner.run() }
                runner.joined.await()
                val routerUrl = runner.routerUrl.await()
                val client = wampComponent("client") { url = routerUrl }
                val clientJob = client.start(this)
                client.call<String>("test.greet", "Bo") shouldBe "hi, Bo"
                clientJob.cancel()
                runner.requestStop()
                exit.await() shouldBe 0
            }
        }
        val bad = File.createTempFile("extra", ".json").apply { writeText("[1, 2]"); deleteOnExit() }
        val errors = CopyOnWriteArrayList<String>()
        Runner(RunnerOptions.parse(arrayOf("-c", "x.Y", "-e", bad.path), emptyMap()), out = {}, err = { errors += it }).run() shouldBe 2
        errors shouldContainExactly listOf("error: --extra-file ${bad.path}: must hold a JSON object")
    }

    test("when no component loads, the runner exits 2 and names each one") {
        val errors = CopyOnWriteArrayList<String>()
        val runner = Runner(RunnerOptions.parse(arrayOf("-c", "a.Missing", "-c", "io.wampkit.runner.fixtures.NotAComponent"), emptyMap()), out = {}, err = { errors += it })
        runner.run() shouldBe 2
        errors[0] shouldBe "error: component 'a.Missing': no such class on the classpath"
        errors[1] shouldContain "component 'io.wampkit.runner.fixtures.NotAComponent' is not a component"
        errors[2] shouldBe "error: no component could be loaded"
    }

    test("the sample hello.wamp.kts runs with its greeting from the extra file") {
        val extra = File.createTempFile("extra", ".json").apply { writeText("""{"greeting": "Bonjour"}"""); deleteOnExit() }
        val runner = Runner(RunnerOptions.parse(arrayOf("-c", "../samples/scripts/hello.wamp.kts", "-e", extra.path), emptyMap()), out = {})
        withTimeout(120_000) {
            coroutineScope {
                val exit = async { runner.run() }
                runner.joined.await() shouldContainExactly listOf("hello")
                val routerUrl = runner.routerUrl.await()
                val client = wampComponent("client") { url = routerUrl }
                val clientJob = client.start(this)
                client.call<String>("com.example.hello", "Ada") shouldBe "Bonjour, Ada!"
                clientJob.cancel()
                runner.requestStop()
                exit.await() shouldBe 0
            }
        }
    }

    test("with -n a component that crashes is restarted and serves, next to another one") {
        val runner = Runner(
            RunnerOptions.parse(arrayOf("-c", "io.wampkit.runner.fixtures.CrashOnce", "-c", "io.wampkit.runner.fixtures.Greeter", "-n", "--necromancy-sleep", "0"), emptyMap()),
            out = {},
        )
        withTimeout(60_000) {
            coroutineScope {
                val exit = async { runner.run() }
                runner.joined.await()
                val routerUrl = runner.routerUrl.await()
                val client = wampComponent("client") { url = routerUrl }
                val clientJob = client.start(this)
                client.call<String>("test.greet", "Cy") shouldBe "hello, Cy"
                CrashOnce.serving.await()
                client.call<String>("test.phoenix") shouldBe "risen after 1 crash"
                clientJob.cancel()
                runner.requestStop()
                exit.await() shouldBe 0
            }
        }
    }

    test("an extra-file member that is not an object stops only that component") {
        val extra = File.createTempFile("extra", ".json").apply { writeText("""{"Greeter": 5}"""); deleteOnExit() }
        val errors = CopyOnWriteArrayList<String>()
        val runner = Runner(
            RunnerOptions.parse(arrayOf("-c", "io.wampkit.runner.fixtures.Greeter", "-c", "io.wampkit.runner.fixtures.SlowEcho", "-e", extra.path), emptyMap()),
            out = {}, err = { errors += it },
        )
        withTimeout(60_000) {
            coroutineScope {
                val exit = async { runner.run() }
                runner.joined.await() shouldContainExactly listOf("slow")
                runner.requestStop()
                exit.await() shouldBe 0
            }
        }
        errors shouldContainExactly listOf(
            "error: component 'Greeter' (io.wampkit.runner.fixtures.Greeter) failed to start: " +
                "IllegalArgumentException: --extra-file ${extra.path}: member 'Greeter' must be a JSON object",
        )
    }
})
