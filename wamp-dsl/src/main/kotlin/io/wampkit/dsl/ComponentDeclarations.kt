@file:Suppress("UNCHECKED_CAST")

package io.wampkit.dsl

import io.wampkit.session.WampEvent

// Registrations and subscriptions declared in the component builder, outside onJoin: the component makes
// them on every session it joins, before onJoin runs, each exactly once per session.

/** Declares a procedure without arguments, registered on every join. */
public inline fun <reified R> ComponentBuilder.register(procedure: String, noinline handler: suspend () -> R) {
    declare("register $procedure") { register(procedure, handler) }
}

/** Declares a one-argument procedure, registered on every join: `register("com.myapp.echo") { s: String -> s }`. */
public inline fun <reified A, reified R> ComponentBuilder.register(procedure: String, noinline handler: suspend (A) -> R) {
    declare("register $procedure") { register(procedure, handler) }
}

/** Declares a two-argument procedure, registered on every join. */
public inline fun <reified A, reified B, reified R> ComponentBuilder.register(
    procedure: String,
    noinline handler: suspend (A, B) -> R,
) {
    declare("register $procedure") { register(procedure, handler) }
}

/** Declares a three-argument procedure, registered on every join. */
public inline fun <reified A, reified B, reified C, reified R> ComponentBuilder.register(
    procedure: String,
    noinline handler: suspend (A, B, C) -> R,
) {
    declare("register $procedure") { register(procedure, handler) }
}

/** Declares a typed one-argument subscription, made on every join: `subscribe("com.myapp.tick") { n: Int -> }`. */
public inline fun <reified A> ComponentBuilder.subscribe(topic: String, noinline handler: suspend (A) -> Unit) {
    declare("subscribe $topic") { subscribe(topic, handler) }
}

/** Declares a typed two-argument subscription, made on every join. */
public inline fun <reified A, reified B> ComponentBuilder.subscribe(topic: String, noinline handler: suspend (A, B) -> Unit) {
    declare("subscribe $topic") { subscribe(topic, handler) }
}

/** Declares an untyped subscription that sees whole events, made on every join. */
public fun ComponentBuilder.subscribeEvents(topic: String, handler: suspend (WampEvent) -> Unit) {
    declare("subscribe $topic") { subscribeEvents(topic, handler) }
}
