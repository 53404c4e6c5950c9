package io.wampkit.dsl

import io.kotest.core.spec.style.FunSpec
import io.wampkit.router.WampRouter
import io.wampkit.router.WampRouterServer
import io.wampkit.router.startServer
import io.wampkit.router.wampRouter

/** An embedded router with realm `realm1`, listening on a free WebSocket port for the whole spec. */
class EmbeddedRouterFixture {
    lateinit var router: WampRouter
    lateinit var server: WampRouterServer
}

/** Starts an [EmbeddedRouterFixture] before the spec and closes it after (the router first: its GOODBYEs go out). */
fun FunSpec.embeddedRouterForSpec(): EmbeddedRouterFixture {
    val fixture = EmbeddedRouterFixture()
    beforeSpec {
        fixture.router = wampRouter { realm("realm1") }
        fixture.server = fixture.router.startServer(port = 0)
    }
    afterSpec {
        fixture.router.close()
        fixture.server.stop()
    }
    return fixture
}
