package io.wampkit.router

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.wampkit.message.Call
import io.wampkit.message.Error
import io.wampkit.message.Goodbye
import io.wampkit.message.Hello
import io.wampkit.message.MessageCode
import io.wampkit.message.Publish
import io.wampkit.message.Register
import io.wampkit.message.Subscribe
import io.wampkit.message.Unregister
import io.wampkit.message.Unsubscribe
import io.wampkit.message.Yield
import io.wampkit.serialization.jsonSerializer
import io.wampkit.session.CallResult
import io.wampkit.session.join
import io.wampkit.value.WampDict
import io.wampkit.value.WampInt
import io.wampkit.value.wampDictOf
import io.wampkit.value.wampListOf
import kotlinx.coroutines.Job
import kotlinx.coroutines.joinAll
import kotlinx.coroutines.launch
import kotlinx.coroutines.withTimeout
import kotlin.random.Random

/**
 * Random and mutated frames fed to router sessions: whatever arrives, the router answers or aborts that
 * session, never throws out of it, and keeps serving a bystander.
 */
class RouterFuzzSpec : FunSpec({
    val json = jsonSerializer()
    val hello = json.encode(Hello("realm1", RawPeer.ALL_ROLES))
    val seeds = listOf(
        Call(1, WampDict.EMPTY, "com.example.add2", wampListOf(1, 2)),
        Call(2, wampDictOf("receive_progress" to true, "disclose_me" to true), "com.example.add2", wampListOf(1, 2)),
        Register(3, WampDict.EMPTY, "com.example.fuzz"),
        Unregister(4, 1),
        Subscribe(5, WampDict.EMPTY, "com.example.topic"),
        Unsubscribe(6, 1),
        Publish(7, wampDictOf("acknowledge" to true, "exclude_me" to false), "com.example.topic", wampListOf("x")),
        Yield(1, WampDict.EMPTY, wampListOf(3)),
        Error(MessageCode.INVOCATION, 1, WampDict.EMPTY, "com.example.error"),
        Goodbye(WampDict.EMPTY, "wamp.close.normal"),
    ).map { json.encode(it) }

    test("100,000 random and mutated frames never break the router; a bystander is served throughout") {
        val router = wampRouter { realm("realm1") }
        val callee = router.connector().join("realm1")
        callee.register("com.example.add2") { CallResult.of((it.args[0] as WampInt).value + (it.args[1] as WampInt).value) }
        val bystander = router.connector().join("realm1")
        val random = Random(24_11_2026)
        var connection: FrameTransport? = null
        val served = ArrayList<Job>()
        repeat(100_000) { i ->
            val current = connection?.takeUnless { it.closed } ?: FrameTransport().also {
                connection = it
                served += launch { router.serve(it) }
                it.offer(hello)
            }
            val seed = seeds[random.nextInt(seeds.size)]
            current.offer(if (random.nextInt(4) == 0) seed else mutate(seed, random)) // suspends while the router is busy
            if (i % 10_000 == 0) bystander.call("com.example.add2", wampListOf(i, 1)).args shouldBe wampListOf(i + 1)
        }
        connection?.close()
        withTimeout(30_000) { served.joinAll() } // every fuzzed session ended, none hung
        router.sessionCount("realm1") shouldBe 2 // and none leaked
        bystander.call("com.example.add2", wampListOf(40, 2)).args shouldBe wampListOf(42)
        (served.size > 100) shouldBe true // most mutations broke their session, which the router aborted
        router.close()
    }
})

private val MUTATION_BYTES = "[]{},:\"0123456789-e.\\u".encodeToByteArray()

private fun mutate(frame: ByteArray, random: Random): ByteArray {
    val bytes = frame.toMutableList()
    repeat(1 + random.nextInt(3)) {
        when (random.nextInt(3)) {
            0 -> if (bytes.isNotEmpty()) bytes[random.nextInt(bytes.size)] = random.nextInt(256).toByte()
            1 -> bytes.add(random.nextInt(bytes.size + 1), MUTATION_BYTES[random.nextInt(MUTATION_BYTES.size)])
            else -> if (bytes.isNotEmpty()) bytes.removeAt(random.nextInt(bytes.size))
        }
    }
    return bytes.toByteArray()
}
