package io.wampkit.runner

import io.wampkit.dsl.ComponentBuilder
import kotlinx.serialization.json.JsonObject

/**
 * A compiled component the runner loads by class name (`-c com.example.Calc`): a Kotlin `object`, or a class
 * with a public no-argument constructor, implementing this interface.
 *
 * The runner creates the builder with the router URL, realm and serializers already set, then calls
 * [configure] on it; the body is the same DSL as in `wampComponent { }`:
 * ```
 * object Calc : RunnerComponent {
 *     override fun ComponentBuilder.configure(context: ComponentContext) {
 *         onJoin { register("com.example.add2") { a: Int, b: Int -> a + b } }
 *     }
 * }
 * ```
 */
public interface RunnerComponent {
    /** The component's name (logs, `--extra-file` key); by default the class's simple name. */
    public val name: String get() = javaClass.simpleName

    /** Configures the component; `url`/`connector`, `realm` and `serializer` are already set by the runner. */
    public fun ComponentBuilder.configure(context: ComponentContext)
}

/** What the runner hands to a component when it creates it. */
public interface ComponentContext {
    /** The component's name. */
    public val name: String

    /** The realm the component joins (`-r`, `WAMP_REALM`). */
    public val realm: String

    /** The router URL the component connects to (`-u`, `WAMP_URL`, or the embedded router's). */
    public val url: String

    /**
     * The component's configuration from `-e/--extra-file`: the whole JSON object when the runner runs one
     * component, else the member named after this component; an empty object when there is none.
     */
    public val extra: JsonObject
}
