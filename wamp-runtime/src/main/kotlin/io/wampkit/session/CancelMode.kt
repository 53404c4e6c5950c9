package io.wampkit.session

/** How a cancelled call is cancelled on the wire (CANCEL.Options.mode). */
public enum class CancelMode(public val wire: String) {
    /** The router answers the caller at once and lets the callee finish unaware. */
    SKIP("skip"),

    /** The router interrupts the callee and answers the caller when the callee has stopped. */
    KILL("kill"),

    /** The router interrupts the callee and answers the caller at once. */
    KILL_NOWAIT("killnowait"),
}
