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
