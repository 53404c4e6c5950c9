package io.wampkit.dsl

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.wampkit.WampErrors
import io.wampkit.WampException
import io.wampkit.router.WampRouter
import io.wampkit.router.WampRouterServer
import io.wampkit.router.startServer
import io.wampkit.router.wampRouter
import io.wampkit.session.WampSession
import io.wampkit.value.toPlain
import io.wampkit.value.wampDictOf
import io.wampkit.value.wampListOf
import kotlinx.coroutines.future.await
import java.io.File
import java.net.URLClassLoader
import java.nio.file.Files
import java.util.concurrent.CompletableFuture
import javax.tools.ToolProvider

private val JAVA_SOURCE = """
    import io.wampkit.dsl.WampProcedure;
    import io.wampkit.dsl.WampTopic;
    import io.wampkit.session.WampInvocation;
    import java.util.List;
    import java.util.concurrent.CompletableFuture;

    public class JavaCalc {
        public final CompletableFuture<String> noted = new CompletableFuture<>();

        @WampProcedure("add") public int add(int a, int b) { return a + b; }
        @WampProcedure("concat") public CompletableFuture<String> concat(String a, String b) {
            return CompletableFuture.supplyAsync(() -> a + b);
        }
        @WampProcedure("where") public String where(WampInvocation invocation) { return invocation.getProcedure(); }
        @WampProcedure("length") public Integer length(String s) { return s == null ? null : s.length(); }
        @WampProcedure("sum") public long sum(List<Integer> items) { return items.stream().mapToLong(i -> i).sum(); }
        @WampProcedure("reset") public void reset() { }
        @WampTopic("note") public void note(String text) { noted.complete(text); }
    }
""".trimIndent()

/** A service class written in Java (compiled here with javac, `-parameters`), served through the router. */
class JavaServiceSpec : FunSpec({
    lateinit var router: WampRouter
    lateinit var server: WampRouterServer
    lateinit var javaCalc: Class<*>

    beforeSpec {
        router = wampRouter { realm("realm1") }
        server = router.startServer(port = 0)
        val dir = Files.createTempDirectory("java-service")
        val source = dir.resolve("JavaCalc.java").also { Files.writeString(it, JAVA_SOURCE) }
        val classpath = listOf(WampProcedure::class.java, WampSession::class.java, Unit::class.java)
            .joinToString(File.pathSeparator) { File(it.protectionDomain.codeSource.location.toURI()).path }
        val javac = requireNotNull(ToolProvider.getSystemJavaCompiler()) { "tests need a JDK" }
        javac.run(null, null, System.err, "-parameters", "-cp", classpath, "-d", dir.toString(), source.toString()) shouldBe 0
        javaCalc = URLClassLoader(arrayOf(dir.toUri().toURL()), JavaServiceSpec::class.java.classLoader).loadClass("JavaCalc")
    }
    afterSpec {
        server.stop()
        router.close()
    }

    test("Java methods: primitives, CompletableFuture, injected invocation, null, lists, void, kwargs by name") {
        val service = javaCalc.getConstructor().newInstance()
        val results = withCallee(server, { registerService(service, "com.java") }) {
            listOf(
                call<Int>("com.java.add", 2, 3),
                call<Int>("com.java.add", kwargs = mapOf("a" to 40, "b" to 2)),
                call<String>("com.java.concat", "ab", "cd"),
                call<String>("com.java.where"),
                call<Int?>("com.java.length", "four"),
                call<Int?>("com.java.length", null),
                call<Long>("com.java.sum", listOf(1, 2, 3)),
                call<Unit>("com.java.reset"),
            )
        }
        results shouldBe listOf(5, 42, "abcd", "com.java.where", 4, null, 6L, Unit)
    }

    test("Java methods: a wrong argument names the parameter; a @WampTopic method receives events") {
        val service = javaCalc.getConstructor().newInstance()
        val error = withCallee(server, { registerService(service, "com.java2") }) {
            publish("com.java2.note", "hello", acknowledge = true)
            shouldThrow<WampException> { call<Int>("com.java2.add", 1, "x") }
        }
        error.uri shouldBe WampErrors.INVALID_ARGUMENT
        error.args shouldBe wampListOf("argument 2 (b) of com.java2.add: expected Int, got string \"x\"")
        @Suppress("UNCHECKED_CAST")
        (javaCalc.getField("noted").get(service) as CompletableFuture<String>).await() shouldBe "hello"
    }

    test("registerServiceAsync, the Java entry point, registers from a CompletableFuture") {
        val service = javaCalc.getConstructor().newInstance()
        withCallee(server, { session.registerServiceAsync(service, "com.java3").await() }) {
            callResult("com.java3.add", wampListOf(1), wampDictOf("b" to 2)).args[0].toPlain()
        } shouldBe 3L
    }
})
