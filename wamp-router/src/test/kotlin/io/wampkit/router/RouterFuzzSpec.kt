package io.wampkit.router

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.longs.shouldBeLessThan
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
import io.wampkit.serialization.availableSerializers
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
 * Random and mutated frames fed to router sessions, per serializer: whatever arrives, the router answers or
 * aborts that session, never throws out of it, keeps serving a bystander, and keeps no memory of it.
 */
class RouterFuzzSpec : FunSpec({
    for (serializer in availableSerializers()) {
        val name = serializer.name
        val hello = serializer.encode(Hello("realm1", RawPeer.ALL_ROLES))
        val seeds = listOf(
            Call(1, WampDict.EMPTY, "com.example.add2", wampListOf(1, 2)),
            Call(2, wampDictOf("receive_progress" to true, "disclose_me" to true), "com.example.add2", wampListOf(1, 2)),
            Register(3, WampDict.EMPTY, "com.example.fuzz"),
            Unregister(4, 1),
            Subscribe(5, WampDict.EMPTY, "com.example.topic"),
            Unsubscribe(6, 1),
            Publish(7, wampDictOf("acknowledge" to true, "exclude_me" to false), "com.example.topic", wampListOf("x", byteArrayOf(1, 2))),
            Yield(1, WampDict.EMPTY, wampListOf(3)),
            Error(MessageCode.INVOCATION, 1, WampDict.EMPTY, "com.example.error"),
            Goodbye(WampDict.EMPTY, "wamp.close.normal"),
        ).map { serializer.encode(it) }

        test("$name: 100,000 random and mutated frames never break the router; a bystander is served; memory stays flat") {
            val router = wampRouter { realm("realm1") }
            val callee = router.connector().join("realm1")
            callee.register("com.example.add2") { CallResult.of((it.args[0] as WampInt).value + (it.args[1] as WampInt).value) }
            val bystander = router.connector().join("realm1")
            val random = Random(24_11_2026)
            var connection: FrameTransport? = null
            val served = ArrayList<Job>()
            var heapAfterWarmUp = 0L
            repeat(100_000) { i ->
                val current = connection?.takeUnless { it.closed } ?: FrameTransport(serializer = serializer).also {
                    connection = it
                    served += launch { router.serve(it) }
                    it.offer(hello)
                }
                val frame = when (random.nextInt(10)) {
                    0 -> random.nextBytes(random.nextInt(48)) // pure noise
                    1, 2 -> seeds[random.nextInt(seeds.size)]
                    else -> mutate(seeds[random.nextInt(seeds.size)], random)
                }
                current.offer(frame) // suspends while the router is busy
                if (i % 10_000 == 0) bystander.call("com.example.add2", wampListOf(i, 1)).args shouldBe wampListOf(i + 1)
                if (i == 10_000) heapAfterWarmUp = usedHeapAfterGc()
            }
            connection?.close()
            withTimeout(30_000) { served.joinAll() } // every fuzzed session ended, none hung
            router.sessionCount("realm1") shouldBe 2 // and none leaked
            bystander.call("com.example.add2", wampListOf(40, 2)).args shouldBe wampListOf(42)
            (served.size > 100) shouldBe true // most mutations broke their session, which the router aborted
            served.clear()
            // 90,000 frames and thousands of sessions later, the heap has not grown with them (generous bound)
            (usedHeapAfterGc() - heapAfterWarmUp) shouldBeLessThan 32L * 1024 * 1024
            router.close()
        }
    }
})

private fun usedHeapAfterGc(): Long {
    val runtime = Runtime.getRuntime()
    repeat(3) { System.gc() }
    return runtime.totalMemory() - runtime.freeMemory()
}

/** JSON punctuation and the container, length and special headers of MessagePack and CBOR. */
private val MUTATION_BYTES = "[]{},:\"0123456789-e.\\u".encodeToByteArray() + listOf(
    0x90, 0x80, 0xdc, 0xdd, 0xc4, 0xc6, 0xd9, 0xdb, 0xcf, 0xd3, 0xcb, 0xc1, 0xd4,
    0x9f, 0xbf, 0xff, 0x5b, 0x7b, 0x9b, 0xbb, 0x1b, 0x3b, 0xc2, 0xf7, 0xf9, 0xfb, 0x00,
).map { it.toByte() }

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
