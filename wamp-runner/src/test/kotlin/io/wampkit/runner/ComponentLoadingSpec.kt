package io.wampkit.runner

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContain
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.types.shouldBeInstanceOf
import io.wampkit.runner.internal.ClassComponents
import io.wampkit.runner.internal.LoadResult
import io.wampkit.runner.internal.ScriptComponents
import java.io.File

class ComponentLoadingSpec : FunSpec({
    fun script(name: String): String = File(ComponentLoadingSpec::class.java.getResource("/scripts/$name")!!.toURI()).path

    test("an object implementing RunnerComponent loads, named after its class") {
        val loaded = ClassComponents.load("io.wampkit.runner.fixtures.Greeter").shouldBeInstanceOf<LoadResult.Loaded>()
        loaded.name shouldBe "Greeter"
    }

    test("a class with a no-argument constructor loads, with the name it gives itself") {
        ClassComponents.load("io.wampkit.runner.fixtures.SlowEcho").shouldBeInstanceOf<LoadResult.Loaded>().name shouldBe "slow"
    }

    test("a missing class is reported by name") {
        ClassComponents.load("com.example.Missing").shouldBeInstanceOf<LoadResult.Failed>().reason shouldBe
            "component 'com.example.Missing': no such class on the classpath"
    }

    test("a class that is no component is reported by name") {
        ClassComponents.load("io.wampkit.runner.fixtures.NotAComponent").shouldBeInstanceOf<LoadResult.Failed>().reason shouldContain
            "component 'io.wampkit.runner.fixtures.NotAComponent' is not a component: implement io.wampkit.runner.RunnerComponent"
    }

    test("a class whose initialisation throws is reported by name with the cause") {
        ClassComponents.load("io.wampkit.runner.fixtures.BrokenComponent").shouldBeInstanceOf<LoadResult.Failed>().reason shouldBe
            "component 'io.wampkit.runner.fixtures.BrokenComponent' failed to load: IllegalStateException: broken on purpose"
    }

    test("a class without a no-argument constructor is reported by name") {
        ClassComponents.load("io.wampkit.runner.fixtures.NeedsArguments").shouldBeInstanceOf<LoadResult.Failed>().reason shouldContain
            "needs to be an object or have a public no-argument constructor"
    }

    test("a script compiles and is named after its file") {
        val result = ScriptComponents.load(script("adder.wamp.kts"))
        (result as? LoadResult.Failed)?.reason shouldBe null
        val loaded = result.shouldBeInstanceOf<LoadResult.Loaded>()
        loaded.name shouldBe "adder"
    }

    test("a script compile error is reported as file:line:column") {
        val path = script("broken.wamp.kts")
        val failed = ScriptComponents.load(path).shouldBeInstanceOf<LoadResult.Failed>()
        val column = File(path).readLines()[1].indexOf("undefinedThing") + 1
        failed.reason.lines()[0] shouldBe "component 'broken' does not compile:"
        failed.reason.lines() shouldContain "  $path:2:$column: Unresolved reference 'undefinedThing'."
    }

    test("a missing script file is reported by name") {
        ScriptComponents.load("nowhere/ghost.wamp.kts").shouldBeInstanceOf<LoadResult.Failed>().reason shouldBe
            "component 'nowhere/ghost.wamp.kts': no such script file"
    }
})
