@file:JvmName("WampProxies")

package io.wampkit.dsl

import io.wampkit.dsl.internal.ProxyHandler
import io.wampkit.session.WampSession

/**
 * A caller for the procedures described by interface [type]: each method calls `prefix.name` (or
 * `prefix.uri` of its [WampProcedure] annotation) with its parameters as positional arguments and decodes
 * the result into its return type.
 *
 * ```
 * interface Calculator { suspend fun add2(a: Int, b: Int): Int }
 * val calc = session.proxy<Calculator>(prefix = "com.myapp")
 * calc.add2(2, 3)   // calls com.myapp.add2
 * ```
 *
 * Methods must be `suspend` functions or (for Java) return a `CompletableFuture`/`CompletionStage`; a result
 * of the wrong shape throws [WampResultTypeException], an ERROR answer [io.wampkit.WampException]. Types and
 * URIs are resolved once here (kotlinx.serialization, kotlin-reflect); a call allocates no reflection.
 * Methods with a body in the interface (JVM default methods) run that body; `toString`, `equals` and
 * `hashCode` are the proxy's own.
 * @throws IllegalArgumentException when [type] is not an interface or a method cannot be proxied.
 */
public fun <T : Any> WampSession.proxy(type: Class<T>, prefix: String = ""): T = ProxyHandler.create(this, type, prefix)

/** `session.proxy<Calculator>(prefix = "com.myapp")`; see [WampSession.proxy]. */
public inline fun <reified T : Any> WampSession.proxy(prefix: String = ""): T = proxy(T::class.java, prefix)

/** The same as [WampSession.proxy] on the component's session: `val calc = proxy<Calculator>("com.myapp")`. */
public inline fun <reified T : Any> ComponentSession.proxy(prefix: String = ""): T = session.proxy(T::class.java, prefix)
