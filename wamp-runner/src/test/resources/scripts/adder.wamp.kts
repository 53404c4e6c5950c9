// a script component: the body is the component DSL
val offset = extra["offset"]?.jsonPrimitive?.int ?: 0

register("test.add") { a: Int, b: Int -> a + b + offset }
onJoin {
    log.info("{} joined realm {}", context.name, context.realm)
}
