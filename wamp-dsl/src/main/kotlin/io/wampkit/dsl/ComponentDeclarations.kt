@file:Suppress("UNCHECKED_CAST")

package io.wampkit.dsl

import io.wampkit.session.WampEvent
import io.wampkit.value.WampDict

// Registrations and subscriptions declared in the component builder, outside onJoin: the component makes
// them on every session it joins, before onJoin runs, each exactly once per session. Handlers run with the
// same CallScope / EventScope receivers as those registered inside onJoin.

/** Declares a procedure without arguments, registered on every join. */
public inline fun <reified R> ComponentBuilder.register(
    procedure: String,
    options: WampDict = WampDict.EMPTY,
    noinline handler: suspend CallScope.() -> R,
) {
    declare("register $procedure") { this.register(procedure, options, handler) }
}

/** Declares a one-argument procedure, registered on every join: `register("com.myapp.echo") { s: String -> s }`. */
public inline fun <reified A, reified R> ComponentBuilder.register(
    procedure: String,
    options: WampDict = WampDict.EMPTY,
    noinline handler: suspend CallScope.(A) -> R,
) {
    declare("register $procedure") { this.register(procedure, options, handler) }
}

/** Declares a two-argument procedure, registered on every join. */
public inline fun <reified A, reified B, reified R> ComponentBuilder.register(
    procedure: String,
    options: WampDict = WampDict.EMPTY,
    noinline handler: suspend CallScope.(A, B) -> R,
) {
    declare("register $procedure") { this.register(procedure, options, handler) }
}

/** Declares a three-argument procedure, registered on every join. */
public inline fun <reified A, reified B, reified C, reified R> ComponentBuilder.register(
    procedure: String,
    options: WampDict = WampDict.EMPTY,
    noinline handler: suspend CallScope.(A, B, C) -> R,
) {
    declare("register $procedure") { this.register(procedure, options, handler) }
}

/** Declares a typed one-argument subscription, made on every join: `subscribe("com.myapp.tick") { n: Int -> }`. */
public inline fun <reified A> ComponentBuilder.subscribe(
    topic: String,
    options: WampDict = WampDict.EMPTY,
    noinline handler: suspend EventScope.(A) -> Unit,
) {
    declare("subscribe $topic") { this.subscribe(topic, options, handler) }
}

/** Declares a typed two-argument subscription, made on every join. */
public inline fun <reified A, reified B> ComponentBuilder.subscribe(
    topic: String,
    options: WampDict = WampDict.EMPTY,
    noinline handler: suspend EventScope.(A, B) -> Unit,
) {
    declare("subscribe $topic") { this.subscribe(topic, options, handler) }
}

/** Declares an untyped subscription that sees whole events, made on every join. */
public fun ComponentBuilder.subscribeEvents(
    topic: String,
    options: WampDict = WampDict.EMPTY,
    handler: suspend (WampEvent) -> Unit,
) {
    declare("subscribe $topic") { this.subscribeEvents(topic, options, handler) }
}
