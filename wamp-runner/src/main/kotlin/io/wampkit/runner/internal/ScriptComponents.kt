package io.wampkit.runner.internal

import io.wampkit.dsl.ComponentBuilder
import io.wampkit.dsl.wampComponent
import io.wampkit.runner.ComponentContext
import kotlinx.coroutines.runBlocking
import kotlinx.serialization.json.JsonObject
import java.io.File
import kotlin.script.experimental.api.CompiledScript
import kotlin.script.experimental.api.ResultValue
import kotlin.script.experimental.api.ResultWithDiagnostics
import kotlin.script.experimental.api.ScriptCompilationConfiguration
import kotlin.script.experimental.api.ScriptDiagnostic
import kotlin.script.experimental.api.ScriptEvaluationConfiguration
import kotlin.script.experimental.api.compilerOptions
import kotlin.script.experimental.api.defaultImports
import kotlin.script.experimental.api.implicitReceivers
import kotlin.script.experimental.api.providedProperties
import kotlin.script.experimental.host.toScriptSource
import kotlin.script.experimental.jvm.baseClassLoader
import kotlin.script.experimental.jvm.dependenciesFromClassContext
import kotlin.script.experimental.jvm.jvm
import kotlin.script.experimental.jvm.BasicJvmScriptEvaluator
import kotlin.script.experimental.jvmhost.JvmScriptCompiler

/**
 * `*.wamp.kts` script components: the script body is the component DSL, with the [ComponentBuilder] as implicit
 * receiver and `extra` (the `--extra-file` config) and `context` ([ComponentContext]) as properties. The
 * component's name is the file name without `.wamp.kts`.
 */
internal object ScriptComponents {
    const val EXTENSION: String = ".wamp.kts"

    private val compilation = ScriptCompilationConfiguration {
        defaultImports(
            "io.wampkit.*", "io.wampkit.dsl.*", "io.wampkit.session.*", "io.wampkit.value.*",
            "kotlinx.coroutines.*", "kotlinx.serialization.json.*",
            "kotlin.time.Duration.Companion.milliseconds", "kotlin.time.Duration.Companion.seconds",
        )
        implicitReceivers(ComponentBuilder::class)
        providedProperties("extra" to JsonObject::class, "context" to ComponentContext::class)
        jvm { dependenciesFromClassContext(ScriptComponents::class, wholeClasspath = true) }
        // the DSL's inline functions are JVM 17 bytecode
        compilerOptions("-jvm-target", "17")
    }

    fun isScript(source: String): Boolean = source.endsWith(EXTENSION)

    /** Compiles [path] (seconds: the Kotlin compiler runs in process); a compile error fails with file:line:column. */
    suspend fun load(path: String): LoadResult {
        val file = File(path)
        if (!file.isFile) return LoadResult.Failed(path, "component '$path': no such script file")
        val name = file.name.removeSuffix(EXTENSION)
        return when (val compiled = JvmScriptCompiler()(file.toScriptSource(), compilation)) {
            is ResultWithDiagnostics.Success -> LoadResult.Loaded(path, name) { setup ->
                wampComponent(setup.name) {
                    setup.applyTo(this)
                    evaluate(compiled.value, this, setup)
                }
            }
            is ResultWithDiagnostics.Failure -> LoadResult.Failed(
                path,
                "component '$name' does not compile:\n" + errors(compiled.reports, path).joinToString("\n") { "  $it" },
            )
        }
    }

    /** The error diagnostics as `file:line:column: message`. */
    fun errors(reports: List<ScriptDiagnostic>, path: String): List<String> =
        reports.filter { it.severity >= ScriptDiagnostic.Severity.ERROR }.map { report ->
            val start = report.location?.start
            if (start == null) "$path: ${report.message}" else "$path:${start.line}:${start.col}: ${report.message}"
        }.ifEmpty { listOf("$path: compilation failed") }

    /**
     * Runs the script body on [builder]. The body only calls the builder (its handlers run later, on the
     * component's coroutines); the evaluator's API is suspending, and the builder block is not, hence the
     * one runBlocking, on the runner's loading path only.
     */
    private fun evaluate(compiled: CompiledScript, builder: ComponentBuilder, setup: ComponentSetup) {
        val config = ScriptEvaluationConfiguration {
            implicitReceivers(builder)
            providedProperties("extra" to setup.extra, "context" to setup)
            jvm { baseClassLoader(ScriptComponents::class.java.classLoader) }
        }
        when (val result = runBlocking { BasicJvmScriptEvaluator()(compiled, config) }) {
            is ResultWithDiagnostics.Success -> (result.value.returnValue as? ResultValue.Error)?.let { throw it.error }
            is ResultWithDiagnostics.Failure -> throw IllegalStateException(
                result.reports.joinToString("; ") { it.exception?.toString() ?: it.message },
            )
        }
    }
}
