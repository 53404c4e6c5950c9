// A script component for the runner: the body is the component DSL (see docs/guide.md, "The runner and
// script components"). Run it with
//   java -jar wamp-runner/target/wamp-runner.jar -c samples/scripts/hello.wamp.kts
// `extra` is its config from -e/--extra-file, e.g. {"greeting": "Bonjour"}.
val greeting = extra["greeting"]?.jsonPrimitive?.content ?: "Hello"

register("com.example.hello") { who: String -> "$greeting, $who!" }

onJoin {
    log.info("{} serving com.example.hello in realm {}", context.name, context.realm)
    publish("com.example.hello.ready", context.name)
}
