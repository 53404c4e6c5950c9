package io.wampkit.router

import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldEndWith
import io.kotest.matchers.types.shouldBeInstanceOf
import io.wampkit.session.CallResult
import io.wampkit.session.WampEvent
import io.wampkit.session.WampSession
import io.wampkit.session.join
import io.wampkit.serialization.WampSerializer
import io.wampkit.serialization.availableSerializers
import io.wampkit.transport.webSocketConnector
import io.wampkit.value.WampBytes
import io.wampkit.value.WampList
import io.wampkit.value.wampDictOf
import io.wampkit.value.wampListOf
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.withTimeout

/**
 * Three clients through the embedded router on a real port, one per serializer: binary payloads and every
 * other value kind reach subscribers, callees and callers of the other serializers intact.
 */
class SerializersEndToEndSpec : FunSpec({
    lateinit var router: WampRouter
    lateinit var server: WampRouterServer
    lateinit var sessions: Map<String, WampSession>
    beforeSpec {
        router = wampRouter { realm("realm1") }
        server = router.startServer(port = 0)
        sessions = availableSerializers().associate { s -> s.name to join(server.url, s) }
    }
    afterSpec {
        sessions.values.forEach { it.leave() }
        server.stop()
        router.close()
    }

    val bytes = ByteArray(300) { (it * 7).toByte() }
    val payload = wampListOf(bytes, ByteArray(0), "text", Long.MIN_VALUE, 2.5, null, true, mapOf("b" to bytes), listOf(bytes))
    val kwargs = wampDictOf("blob" to bytes, "n" to Long.MAX_VALUE)

    for (publisher in listOf("json", "msgpack", "cbor")) {
        test("a $publisher publisher's binary payload reaches the subscribers of the other two serializers as bytes") {
            val topic = "com.example.$publisher.blobs"
            val received = sessions.keys.filter { it != publisher }.associateWith { CompletableDeferred<WampEvent>() }
            val subscriptions = received.map { (name, deferred) -> sessions.getValue(name).subscribe(topic) { deferred.complete(it) } }
            sessions.getValue(publisher).publish(topic, payload, kwargs, acknowledge = true)
            for ((name, deferred) in received) withClue("$publisher to $name") {
                val event = withTimeout(5_000) { deferred.await() }
                event.args shouldBe payload
                event.kwargs shouldBe kwargs
                event.args[0].shouldBeInstanceOf<WampBytes>().toByteArray() shouldBe bytes
                event.kwargs["blob"].shouldBeInstanceOf<WampBytes>().size shouldBe bytes.size
            }
            subscriptions.forEach { it.unsubscribe() }
        }

        test("a $publisher callee's binary result reaches callers of every serializer, and their binary args reach it") {
            val procedure = "com.example.$publisher.echo"
            val registration = sessions.getValue(publisher).register(procedure) { inv ->
                inv.args.shouldBeInstanceOf<WampList>()[0].shouldBeInstanceOf<WampBytes>()
                CallResult(inv.args, inv.kwargs)
            }
            for ((name, caller) in sessions) withClue("$name caller of a $publisher callee") {
                val result = withTimeout(5_000) { caller.call(procedure, payload, kwargs) }
                result.args shouldBe payload
                result.kwargs shouldBe kwargs
                (result.args[0] as WampBytes).toByteArray() shouldBe bytes
            }
            registration.unregister()
        }
    }

    test("each client speaks the serializer it asked for") {
        for (serializer in availableSerializers()) {
            val transport = webSocketConnector(server.url, serializer).connect()
            transport.description shouldEndWith "(${serializer.name})"
            transport.join("realm1").leave()
        }
    }
})

private suspend fun join(url: String, serializer: WampSerializer): WampSession {
    val transport = webSocketConnector(url, serializer).connect()
    transport.description shouldEndWith "(${serializer.name})"
    return transport.join("realm1")
}
