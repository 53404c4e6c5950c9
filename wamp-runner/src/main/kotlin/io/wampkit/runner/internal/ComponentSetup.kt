package io.wampkit.runner.internal

import io.wampkit.dsl.ComponentBuilder
import io.wampkit.dsl.WampComponent
import io.wampkit.runner.ComponentContext
import io.wampkit.serialization.WampSerializer
import io.wampkit.transport.webSocketConnector
import kotlinx.serialization.json.JsonObject

/** Where and how the runner connects one component, and its `--extra-file` config. */
internal class ComponentSetup(
    override val name: String,
    override val url: String,
    override val realm: String,
    val serializers: List<WampSerializer>,
    override val extra: JsonObject,
) : ComponentContext {
    /** Sets url (or a connector offering several serializers), realm and serializer on [builder]. */
    fun applyTo(builder: ComponentBuilder) {
        builder.realm = realm
        if (serializers.size == 1) {
            builder.url = url
            builder.serializer = serializers.single()
        } else {
            builder.connector(webSocketConnector(url, serializers))
        }
    }
}

/** Makes the component once the runner knows where it connects; may throw (a builder `require`, a script error). */
internal fun interface ComponentFactory {
    fun create(setup: ComponentSetup): WampComponent
}

/** What loading one `-c` argument gave. */
internal sealed interface LoadResult {
    /** The argument as given (class name or script path). */
    val source: String

    /** Ready to create, as [name]. */
    class Loaded(override val source: String, val name: String, val factory: ComponentFactory) : LoadResult

    /** Not loadable; [reason] says why, naming the component. */
    class Failed(override val source: String, val reason: String) : LoadResult
}
