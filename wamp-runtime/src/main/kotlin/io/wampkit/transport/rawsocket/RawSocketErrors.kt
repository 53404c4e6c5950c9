package io.wampkit.transport.rawsocket

/**
 * The error codes of a RawSocket handshake reply (`0x7F, code << 4, 0, 0`), as the WAMP spec numbers them.
 */
public enum class RawSocketError(
    /** The 4-bit code on the wire. */
    public val code: Int,
    /** What the spec calls it. */
    public val description: String,
) {
    /** 1: the router does not speak the requested serializer. */
    SERIALIZER_UNSUPPORTED(1, "serializer unsupported"),

    /** 2: the router does not accept the announced maximum message length. */
    MAX_LENGTH_UNACCEPTABLE(2, "maximum message length unacceptable"),

    /** 3: the handshake used reserved bits (an unsupported feature). */
    RESERVED_BITS_USED(3, "use of reserved bits (unsupported feature)"),

    /** 4: the router has reached its maximum connection count. */
    MAX_CONNECTION_COUNT_REACHED(4, "maximum connection count reached"),
    ;

    public companion object {
        /** The error with [code], or null for 0 and the reserved codes 5..15. */
        public fun ofCode(code: Int): RawSocketError? = entries.firstOrNull { it.code == code }
    }
}

/**
 * A RawSocket handshake failed: the router answered with [error] (null when the reply was not a valid
 * RawSocket reply at all, or when the router's reply code is one the spec reserves; then [rawCode] tells).
 */
public class RawSocketHandshakeException(
    public val error: RawSocketError?,
    message: String,
    public val rawCode: Int = error?.code ?: 0,
    cause: Throwable? = null,
) : RuntimeException(message, cause)
