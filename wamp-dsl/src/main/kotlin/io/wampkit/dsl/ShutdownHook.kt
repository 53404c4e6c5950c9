package io.wampkit.dsl

import kotlinx.coroutines.runBlocking
import org.slf4j.LoggerFactory
import kotlin.time.Duration

/**
 * Installs a JVM shutdown hook (run on SIGTERM, SIGINT and `System.exit`) that calls [WampSupervisor.shutdown]
 * with [deadline] and waits for it. Closing the returned handle removes the hook (when the JVM is not
 * already shutting down).
 *
 * The JVM ends as soon as its shutdown hooks return, so the hook thread must block until the shutdown is
 * done: the one place where WampKit bridges to blocking code. Note that a JVM ended by a signal exits with
 * 128 + the signal number (143 for SIGTERM) whatever the hooks do; a runner that must exit 0 on SIGTERM
 * traps the signal itself, calls [WampSupervisor.shutdown], and returns from `main`.
 */
public fun WampSupervisor.installShutdownHook(deadline: Duration = WampSupervisor.DEFAULT_SHUTDOWN_DEADLINE): AutoCloseable {
    val supervisor = this
    val hook = Thread({
        LoggerFactory.getLogger("io.wampkit.supervisor").info("shutting down ({} deadline)", deadline)
        runBlocking { supervisor.shutdown(deadline) }
    }, "wampkit-shutdown")
    Runtime.getRuntime().addShutdownHook(hook)
    return AutoCloseable {
        try {
            Runtime.getRuntime().removeShutdownHook(hook)
        } catch (_: IllegalStateException) {
            // the JVM is already shutting down: the hook runs
        }
    }
}

/**
 * Traps [signals] (by default SIGTERM and SIGINT) so that they shut the supervisor down gracefully within
 * [deadline] instead of ending the JVM: [WampSupervisor.run] then returns normally and `main` can return,
 * so the process exits 0. The shutdown runs on a thread of its own (the signal's thread must not block).
 * Closing the returned handle restores the previous handlers. Uses `sun.misc.Signal` (module
 * jdk.unsupported), the JDK's only signal API; where a signal cannot be trapped it is left alone.
 */
public fun WampSupervisor.shutdownOnSignals(
    deadline: Duration = WampSupervisor.DEFAULT_SHUTDOWN_DEADLINE,
    signals: List<String> = listOf("TERM", "INT"),
): AutoCloseable {
    val supervisor = this
    val log = LoggerFactory.getLogger("io.wampkit.supervisor")
    val previous = signals.mapNotNull { name ->
        try {
            val signal = sun.misc.Signal(name)
            signal to sun.misc.Signal.handle(signal) {
                log.info("SIG{}: shutting down ({} deadline)", name, deadline)
                Thread({ runBlocking { supervisor.shutdown(deadline) } }, "wampkit-shutdown").start()
            }
        } catch (e: IllegalArgumentException) {
            log.warn("cannot trap SIG{}: {}", name, e.message)
            null
        }
    }
    return AutoCloseable { previous.forEach { (signal, handler) -> sun.misc.Signal.handle(signal, handler) } }
}
