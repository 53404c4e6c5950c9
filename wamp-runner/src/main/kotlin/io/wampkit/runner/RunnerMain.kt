package io.wampkit.runner

import io.wampkit.runner.internal.Runner
import io.wampkit.runner.internal.RunnerOptions
import io.wampkit.runner.internal.Signals
import kotlinx.coroutines.runBlocking
import kotlin.system.exitProcess

/**
 * The runner: `java -jar wamp-runner.jar -c COMPONENT... [-u URL] [-r REALM] [-e extra.json] ...` (`--help`
 * lists every option). Runs compiled components (by class name) and `*.wamp.kts` scripts under one supervisor,
 * against the router at `-u`/`WAMP_URL` or an embedded one. SIGTERM or SIGINT stops them gracefully (in-flight
 * calls finish, every session says GOODBYE) and the process exits 0. Bad arguments exit 2.
 */
public fun main(args: Array<String>) {
    val options = try {
        RunnerOptions.parse(args)
    } catch (e: IllegalArgumentException) {
        System.err.println("error: ${e.message}")
        System.err.println(RunnerOptions.USAGE)
        exitProcess(2)
    }
    if (options.help) {
        println(RunnerOptions.USAGE)
        return
    }
    // slf4j-simple reads its level once, when the first logger is made: nothing has logged yet
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", options.logLevel)
    val runner = Runner(options)
    Signals.trap { runner.requestStop() }
    val code = runBlocking { runner.run() }
    System.out.flush()
    exitProcess(code)
}
