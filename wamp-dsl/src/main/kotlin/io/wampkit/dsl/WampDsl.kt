package io.wampkit.dsl

/** Marks the WampKit builder DSL, so an inner block cannot reach an outer builder by accident. */
@DslMarker
@Target(AnnotationTarget.CLASS, AnnotationTarget.TYPE)
public annotation class WampDsl
