package io.wampkit.runner.internal

import sun.misc.Signal

/**
 * Traps SIGTERM and SIGINT so that the runner shuts down gracefully and exits 0 (a JVM that lets the signal
 * through exits 143/130 whatever its shutdown hooks do). A signal the platform does not offer is skipped.
 */
internal object Signals {
    fun trap(onSignal: () -> Unit) {
        for (name in listOf("TERM", "INT")) {
            try {
                Signal.handle(Signal(name)) { onSignal() }
            } catch (_: IllegalArgumentException) {
                // not available here (e.g. -Xrs, or not on this OS)
            }
        }
    }
}
