package io.wampkit.serialization.internal

import io.wampkit.value.MAX_JSON_DEPTH

/** Nesting depth beyond which the binary serializers refuse a frame: the same as JSON's, so that all agree. */
internal const val MAX_VALUE_DEPTH: Int = MAX_JSON_DEPTH

/** Why a binary frame is not a value tree; cheap (no stack trace), caught by the serializer's decode. */
internal class MalformedFrame(override val message: String) : Exception(message, null, false, false)

internal fun malformed(reason: String): Nothing = throw MalformedFrame(reason)

internal fun checkDepth(depth: Int) {
    if (depth > MAX_VALUE_DEPTH) malformed("values nested deeper than $MAX_VALUE_DEPTH levels")
}

/**
 * NaN and infinities are refused on decode by every serializer: JSON cannot carry them, and the router must be
 * able to pass every value it accepted from one peer on to peers of any serializer.
 */
internal fun finite(value: Double): Double {
    if (!value.isFinite()) malformed("non-finite number $value (JSON peers could not receive it)")
    return value
}

/** Refuses a length header that claims more items or bytes than the frame has left; no huge allocations. */
internal fun checkRemaining(declared: Long, remaining: Long, what: String) {
    if (declared < 0 || declared > remaining) malformed("$what declares $declared, but only $remaining bytes remain")
}
