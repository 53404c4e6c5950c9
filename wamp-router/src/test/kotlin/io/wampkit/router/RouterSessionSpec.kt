package io.wampkit.router

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.wampkit.WampAbortedException
import io.wampkit.WampConnectionClosedException
import io.wampkit.WampErrors
import io.wampkit.message.Abort
import io.wampkit.message.Call
import io.wampkit.message.Goodbye
import io.wampkit.message.Hello
import io.wampkit.message.Welcome
import io.wampkit.session.join
import io.wampkit.value.WampDict
import io.wampkit.value.wampDictOf
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.withTimeout

class RouterSessionSpec : FunSpec({
    lateinit var router: WampRouter
    beforeTest { router = wampRouter { realm("realm1"); realm("realm2") } }
    afterTest { router.close() }

    test("WELCOME announces broker and dealer with the implemented features") {
        coroutineScope {
            val peer = router.rawPeer(this)
            val welcome = peer.hello()
            val roles = welcome.details.dict("roles")!!
            roles.dict("broker")!!.dict("features")!!.boolean("publisher_exclusion") shouldBe true
            roles.dict("broker")!!.dict("features")!!.boolean("publisher_identification") shouldBe true
            val dealer = roles.dict("dealer")!!.dict("features")!!
            for (feature in listOf("progressive_call_results", "call_canceling", "caller_identification")) {
                dealer.boolean(feature) shouldBe true
            }
            welcome.details.string("authrole") shouldBe "anonymous"
            router.sessionCount("realm1") shouldBe 1
            router.sessionCount("realm2") shouldBe 0
            peer.close()
        }
    }

    test("an unknown realm gets ABORT no_such_realm, as a WampAbortedException on the client") {
        val e = shouldThrow<WampAbortedException> { router.connector().join("nowhere") }
        e.reason shouldBe WampErrors.NO_SUCH_REALM
        e.message shouldContain "nowhere"
    }

    test("GOODBYE is answered with GOODBYE goodbye_and_out and the session ends") {
        coroutineScope {
            val peer = router.rawPeer(this)
            peer.hello()
            peer.send(Goodbye(WampDict.EMPTY, WampErrors.CLOSE_NORMAL))
            peer.expect<Goodbye>().reason shouldBe WampErrors.GOODBYE_AND_OUT
            peer.served.join()
            router.sessionCount("realm1") shouldBe 0
        }
    }

    test("anything but HELLO first, a HELLO without roles, or a second HELLO is a protocol violation") {
        coroutineScope {
            val first = router.rawPeer(this)
            first.send(Call(1, WampDict.EMPTY, "com.example.x"))
            first.expect<Abort>().reason shouldBe WampErrors.PROTOCOL_VIOLATION
            val noRoles = router.rawPeer(this)
            noRoles.send(Hello("realm1", wampDictOf("agent" to "test")))
            noRoles.expect<Abort>().let {
                it.reason shouldBe WampErrors.PROTOCOL_VIOLATION
                it.details.string("message") shouldContain "role"
            }
            val twice = router.rawPeer(this)
            twice.hello()
            twice.send(Hello("realm1", RawPeer.ALL_ROLES))
            twice.expect<Abort>().reason shouldBe WampErrors.PROTOCOL_VIOLATION
            listOf(first, noRoles, twice).forEach { it.served.join() }
        }
    }

    test("a message a router never accepts aborts that session with a message naming it") {
        coroutineScope {
            val peer = router.rawPeer(this)
            peer.hello()
            peer.send(Welcome(1, WampDict.EMPTY))
            peer.expect<Abort>().details.string("message") shouldContain "WELCOME"
        }
    }

    test("close() says GOODBYE system_shutdown to every session and the clients end cleanly") {
        val sessions = List(3) { router.connector().join(if (it == 0) "realm2" else "realm1") }
        router.close()
        withTimeout(5_000) {
            sessions.map { it.awaitClosed().reason } shouldBe List(3) { WampErrors.SYSTEM_SHUTDOWN }
        }
        shouldThrow<WampConnectionClosedException> { sessions[0].call("com.example.any") }
        router.sessionCount("realm1") shouldBe 0
    }

    test("the builder validates its configuration") {
        shouldThrow<IllegalArgumentException> { wampRouter { } }.message shouldContain "realm"
        shouldThrow<IllegalArgumentException> { wampRouter { realm("bad realm") } }
        shouldThrow<IllegalArgumentException> { wampRouter { realm("a"); realm("a") } }
        shouldThrow<IllegalArgumentException> { wampRouter { realm("a"); maxMessageSize = 10 } }
    }
})
