package io.wampkit.interop

import io.wampkit.value.WampDict
import io.wampkit.value.WampInt
import io.wampkit.value.WampList
import io.wampkit.value.WampValue
import io.wampkit.value.toWampValue
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive
import java.io.File

/**
 * The kit's fixtures/payload.json as WAMP values (integral numbers stay [WampInt], others
 * [io.wampkit.value.WampDouble]), so that round trips can be compared exactly.
 */
class PayloadFixture private constructor(private val root: JsonObject) {
    private fun obj(key: String): JsonObject = root.getValue(key).jsonObject
    private fun value(section: String, key: String): WampValue = obj(section).getValue(key).toWampValue()
    private fun string(section: String, key: String): String = obj(section).getValue(key).jsonPrimitive.content

    // procedures
    val add2: String = string("procedures", "add2")
    val echo: String = string("procedures", "echo")
    val fail: String = string("procedures", "fail")
    val countdown: String = string("procedures", "countdown")
    val missing: String = string("procedures", "missing")

    val add2Args: WampList = value("add2", "args") as WampList
    val add2Expect: WampValue = value("add2", "expect")

    val echoArgs: WampList = value("echo", "args") as WampList
    val echoKwargs: WampDict = value("echo", "kwargs") as WampDict

    /** `[[1, 2, 3]]`: one positional argument that is itself a list. */
    val singleListArgs: WampList = value("echo_single_list", "args") as WampList

    val failUri: String = string("fail", "uri")
    val failArgs: WampList = value("fail", "args") as WampList
    val failKwargs: WampDict = value("fail", "kwargs") as WampDict

    val countdownN: WampValue = value("countdown", "n")
    val countdownFinal: WampValue = value("countdown", "final")
    val countdownProgress: WampList = value("countdown", "progress") as WampList

    val noSuchProcedure: String = root.getValue("no_such_procedure").jsonPrimitive.content

    val topicPrefix: String = string("pubsub", "topic_prefix")
    val eventCount: Int = string("pubsub", "count").toInt()
    private val eventText: WampValue = value("pubsub", "text")
    private val eventObj: WampValue = value("pubsub", "obj")

    /** Positional payload of event #[i], as every harness publisher sends it: `[i, text, obj]`. */
    fun eventArgs(i: Int): WampList = WampList(listOf(WampInt(i.toLong()), eventText, eventObj))

    /** Keyword payload of event #[i]: `{seq: i, text, obj}`. */
    fun eventKwargs(i: Int): WampDict =
        WampDict(linkedMapOf("seq" to WampInt(i.toLong()), "text" to eventText, "obj" to eventObj))

    companion object {
        fun load(file: File): PayloadFixture = PayloadFixture(Json.parseToJsonElement(file.readText(Charsets.UTF_8)).jsonObject)
    }
}
