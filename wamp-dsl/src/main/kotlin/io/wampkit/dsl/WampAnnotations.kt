package io.wampkit.dsl

/**
 * Marks a method as a WAMP procedure: on a service class passed to `registerService` the method is
 * registered; on an interface given to `proxy` calling the method calls the procedure. [value], the URI, defaults to the
 * method's name and is joined to the service's or proxy's prefix with a dot.
 */
@Target(AnnotationTarget.FUNCTION)
@Retention(AnnotationRetention.RUNTIME)
@MustBeDocumented
public annotation class WampProcedure(val value: String = "")

/**
 * Marks a method of a service class as an event handler: `registerService` subscribes it to [value] (the URI; default:
 * the method's name, joined to the prefix with a dot). Its parameters take the event's arguments.
 */
@Target(AnnotationTarget.FUNCTION)
@Retention(AnnotationRetention.RUNTIME)
@MustBeDocumented
public annotation class WampTopic(val value: String = "")
