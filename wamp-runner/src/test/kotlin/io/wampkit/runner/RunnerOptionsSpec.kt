package io.wampkit.runner

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.wampkit.runner.internal.RunnerOptions

class RunnerOptionsSpec : FunSpec({
    fun parse(vararg args: String, env: Map<String, String> = emptyMap()) = RunnerOptions.parse(arrayOf(*args), env)
    fun error(vararg args: String, env: Map<String, String> = emptyMap()): String =
        shouldThrow<IllegalArgumentException> { parse(*args, env = env) }.message!!

    test("defaults: one component, embedded router, realm1, info, json, no necromancy") {
        parse("-c", "a.B") shouldBe RunnerOptions(components = listOf("a.B"), url = null)
    }

    test("every short option") {
        val options = parse(
            "-c", "a.B", "-c", "x.wamp.kts", "-u", "ws://h:1/ws", "-r", "realm2", "-e", "extra.json",
            "-s", "-l", "warning", "-n",
        )
        options shouldBe RunnerOptions(
            components = listOf("a.B", "x.wamp.kts"), url = "wss://h:1/ws", realm = "realm2", extraFile = "extra.json",
            logLevel = "warn", necromancy = true,
        )
    }

    test("every long option, also as --name=value") {
        val options = parse(
            "--component", "a.B", "--url=ws://h:1/ws", "--realm", "r.x", "--extra-file=e.json", "--use-ssl",
            "--loglevel", "critical", "--serializers", "cbor", "--serializers=json", "--necromancy-sleep", "3",
            "--shutdown-timeout", "4",
        )
        options shouldBe RunnerOptions(
            components = listOf("a.B"), url = "wss://h:1/ws", realm = "r.x", extraFile = "e.json", logLevel = "error",
            serializers = listOf("cbor", "json"), necromancy = true, necromancySleep = 3, shutdownTimeoutSeconds = 4,
        )
        parse("-c", "a.B", "--router-port", "8081", "--loglevel", "DEBUG").let {
            it.routerPort shouldBe 8081
            it.logLevel shouldBe "debug"
        }
    }

    test("log levels map to SLF4J's") {
        mapOf("critical" to "error", "error" to "error", "warning" to "warn", "info" to "info", "debug" to "debug")
            .forEach { (given, slf4j) -> parse("-c", "a.B", "-l", given).logLevel shouldBe slf4j }
    }

    test("environment variables are defaults that flags override") {
        val env = mapOf("WAMP_COMPONENT" to "a.B, c.wamp.kts", "WAMP_URL" to "ws://e:2/ws", "WAMP_REALM" to "envrealm")
        parse(env = env) shouldBe RunnerOptions(components = listOf("a.B", "c.wamp.kts"), url = "ws://e:2/ws", realm = "envrealm")
        parse("-c", "x.Y", "-u", "ws://f:3/ws", "-r", "flagrealm", env = env) shouldBe
            RunnerOptions(components = listOf("x.Y"), url = "ws://f:3/ws", realm = "flagrealm")
    }

    test("help needs no component") {
        parse("--help").help shouldBe true
        parse("-h").help shouldBe true
    }

    test("bad arguments are clear errors") {
        error() shouldContain "no component"
        error("-c") shouldContain "-c needs a value"
        error("-c", "-u") shouldContain "-c needs a value"
        error("-c", "a.B", "--bogus") shouldContain "unknown option '--bogus'"
        error("-c", "a.B", "-l", "loud") shouldContain "-l must be one of critical, error, warning, info, debug, was 'loud'"
        error("-c", "a.B", "--serializers", "xml") shouldContain "--serializers must be one of json, msgpack, cbor"
        error("-c", "a.B", "--serializers", "json", "--serializers", "json") shouldContain "given twice"
        error("-c", "a.B", "-u", "http://h/ws") shouldContain "--url must start with ws:// or wss://"
        error("-c", "a.B", "-r", "bad realm!") shouldContain "not a valid realm URI"
        error("-c", "a.B", "-s") shouldContain "--use-ssl needs --url"
        error("-c", "a.B", "--necromancy-sleep", "soon") shouldContain "--necromancy-sleep must be a number"
        error("-c", "a.B", "--shutdown-timeout", "-1") shouldContain "--shutdown-timeout needs a value"
        error("-c", "a.B", "-u", "ws://h/ws", "--router-port", "9") shouldContain "--router-port is for the embedded router"
    }
})
