onJoin {
    register("test.broken") { a: Int -> a + undefinedThing }
}
