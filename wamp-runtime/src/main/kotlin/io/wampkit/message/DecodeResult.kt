package io.wampkit.message

/** What [WampCodec.decode] and a serializer's decode give: a valid message, or why the input is not one. */
public sealed interface DecodeResult {
    /** The input was a valid WAMP message. */
    public data class Success(val message: WampMessage) : DecodeResult

    /** The input was not a valid WAMP message; [reason] says why, fit for an ABORT message. */
    public data class Failure(val reason: String) : DecodeResult
}
