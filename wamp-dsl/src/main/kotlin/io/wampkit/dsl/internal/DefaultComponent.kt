package io.wampkit.dsl.internal

import io.wampkit.WampErrors
import io.wampkit.dsl.ComponentSession
import io.wampkit.dsl.WampComponent
import io.wampkit.session.SessionCloseDetails
import io.wampkit.session.join
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.CoroutineName
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Job
import kotlinx.coroutines.NonCancellable
import kotlinx.coroutines.currentCoroutineContext
import kotlinx.coroutines.ensureActive
import kotlinx.coroutines.launch
import kotlinx.coroutines.withContext
import org.slf4j.LoggerFactory

internal class DefaultComponent(private val config: ComponentConfig) : WampComponent {
    override val name: String get() = config.name
    private val log = LoggerFactory.getLogger("io.wampkit.component.${config.name}")

    override suspend fun run(): SessionCloseDetails {
        val session = config.connector.join(
            config.realm,
            config.authenticators,
            context = currentCoroutineContext() + CoroutineName("wamp-$name"),
        )
        log.info("component {} joined realm {} as session {}", name, config.realm, session.sessionId)
        try {
            config.onJoin?.let { block ->
                val scope = ComponentSession(config.sessionView(session), log)
                try {
                    withContext(session.coroutineContext) { scope.block() }
                } catch (e: CancellationException) {
                    currentCoroutineContext().ensureActive() // our caller was cancelled: propagate
                    if (session.isActive) throw e
                    // the session ended while onJoin ran (leave() inside it, or the router closed it): not a failure
                }
            }
            return session.awaitClosed().also { log.info("component {} left: {}", name, it.reason) }
        } catch (e: Throwable) {
            withContext(NonCancellable) { session.leave(WampErrors.CLOSE_NORMAL, "component $name stopped") }
            throw e
        } finally {
            withContext(NonCancellable) {
                val details = session.awaitClosed()
                config.onLeave?.let { runCatching { it(details) }.onFailure { e -> log.warn("onLeave of {} failed", name, e) } }
                config.onDisconnect?.let { runCatching { it() }.onFailure { e -> log.warn("onDisconnect of {} failed", name, e) } }
            }
        }
    }

    override fun start(scope: CoroutineScope): Job = scope.launch(CoroutineName("wamp-component-$name")) { run() }
}
