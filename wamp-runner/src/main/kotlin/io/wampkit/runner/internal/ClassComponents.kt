package io.wampkit.runner.internal

import io.wampkit.dsl.WampComponent
import io.wampkit.dsl.wampComponent
import io.wampkit.runner.RunnerComponent
import java.lang.reflect.InvocationTargetException
import java.lang.reflect.Modifier

/**
 * Loads a component by class name (reflection at load time only): a Kotlin object or a class with a public
 * no-argument constructor, implementing [RunnerComponent] (configured by the runner) or [WampComponent]
 * (used as it is: it brings its own URL and realm).
 */
internal object ClassComponents {
    fun load(className: String, loader: ClassLoader = ClassComponents::class.java.classLoader): LoadResult {
        val instance = try {
            instantiate(Class.forName(className, true, loader))
        } catch (_: ClassNotFoundException) {
            return LoadResult.Failed(className, "component '$className': no such class on the classpath")
        } catch (e: LinkageError) {
            return LoadResult.Failed(className, "component '$className' failed to load: ${describe(e.cause ?: e)}")
        } catch (e: InvocationTargetException) {
            return LoadResult.Failed(className, "component '$className' failed to load: ${describe(e.targetException)}")
        } catch (e: ReflectiveOperationException) {
            return LoadResult.Failed(className, "component '$className' cannot be created: it needs to be an object or have a public no-argument constructor")
        }
        return when (instance) {
            is RunnerComponent -> LoadResult.Loaded(className, instance.name) { setup ->
                wampComponent(setup.name) {
                    setup.applyTo(this)
                    with(instance) { configure(setup) }
                }
            }
            is WampComponent -> LoadResult.Loaded(className, instance.name) { instance }
            else -> LoadResult.Failed(
                className,
                "component '$className' is not a component: implement ${RunnerComponent::class.java.name} or ${WampComponent::class.java.name}",
            )
        }
    }

    private fun instantiate(type: Class<*>): Any {
        val singleton = runCatching { type.getDeclaredField("INSTANCE") }.getOrNull()
            ?.takeIf { Modifier.isStatic(it.modifiers) && it.type == type }
        return singleton?.get(null) ?: type.getConstructor().newInstance()
    }

    fun describe(e: Throwable): String = "${e.javaClass.simpleName}: ${e.message}"
}
