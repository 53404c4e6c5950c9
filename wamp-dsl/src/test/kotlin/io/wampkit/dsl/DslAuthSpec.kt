package io.wampkit.dsl

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.wampkit.WampAbortedException
import io.wampkit.auth.WampAuth
import io.wampkit.auth.ticketAuth
import io.wampkit.router.WampRouter
import io.wampkit.router.wampRouter
import io.wampkit.session.authId
import io.wampkit.session.authRole
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.withTimeout

/** Components authenticate with the authenticators their builder offers. */
class DslAuthSpec : FunSpec({
    lateinit var router: WampRouter
    beforeSpec { router = wampRouter { realm("realm1") { ticket { user("joe", ticket = "joe-ticket", role = "frontend") } } } }
    afterSpec { router.close() }

    test("authenticate(ticketAuth(...)) joins with the ticket; WELCOME's authid and role reach onJoin") {
        val joined = CompletableDeferred<Pair<String?, String?>>()
        withTimeout(10_000) {
            wampComponent("fe") {
                connector(router.connector())
                authenticate(ticketAuth("joe", "joe-ticket"))
                onJoin { joined.complete(session.authId to session.authRole); leave() }
            }.run()
        }
        joined.await() shouldBe ("joe" to "frontend")
    }

    test("a wrong ticket fails the run with ABORT authentication_failed; offering a method twice is refused") {
        val component = wampComponent("fe") {
            connector(router.connector())
            authenticate(ticketAuth("joe", "wrong"))
        }
        shouldThrow<WampAbortedException> { withTimeout(10_000) { component.run() } }.reason shouldBe WampAuth.AUTHENTICATION_FAILED
        shouldThrow<IllegalArgumentException> {
            wampComponent("x") {
                authenticate(ticketAuth("a", "b"))
                authenticate(ticketAuth("a", "c"))
            }
        }
    }
})
