package io.wampkit.samples;

import io.wampkit.WampException;
import io.wampkit.java.Payload;
import io.wampkit.java.WampClient;
import io.wampkit.java.WampExceptions;
import io.wampkit.router.EmbeddedRouter;
import io.wampkit.router.WampRouters;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A WAMP component written in Java with the {@code io.wampkit.java} facade: a callee that registers
 * {@code com.myapp.add2} (synchronous handler), {@code com.myapp.slowsquare} (a future-returning handler)
 * and {@code com.myapp.fail}, and subscribes to {@code com.myapp.oncounter}; and a caller that calls them
 * and publishes counters. With no arguments it starts the embedded router on a free port; with
 * {@code --url ws://HOST:PORT/ws} (and {@code --realm REALM}) it uses that router.
 *
 * <pre>
 * mvn -B -q package -DskipTests &amp;&amp; java -cp samples/target/wampkit-samples.jar io.wampkit.samples.JavaComponent
 * </pre>
 */
public final class JavaComponent {
    /** Usage line. */
    public static final String USAGE = "usage: JavaComponent [--url ws://HOST:PORT/PATH] [--realm REALM]";

    private static final long WAIT_SECONDS = 10;
    private static final int EVENTS = 3;

    private JavaComponent() {
    }

    /** What the component exchanged. */
    public record Report(long sum, long square, String errorUri, List<Long> events) {
    }

    /** Command line: the router URL (null: embedded) and the realm. */
    public record Options(String url, String realm) {
        /** Parses {@code args}; throws IllegalArgumentException with a message fit for the user. */
        public static Options parse(String... args) {
            String url = null;
            String realm = "realm1";
            for (int i = 0; i < args.length; i++) {
                String name = args[i];
                if (!name.equals("--url") && !name.equals("--realm")) {
                    throw new IllegalArgumentException("unknown argument '" + name + "'");
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(name + " needs a value");
                }
                if (name.equals("--url")) {
                    url = args[++i];
                } else {
                    realm = args[++i];
                }
            }
            return new Options(url, realm);
        }
    }

    /** Runs the sample; exits 0 when everything was exchanged, 1 on failure, 2 on bad arguments. */
    public static void main(String[] args) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("JavaComponent: " + e.getMessage() + "\n" + USAGE);
            System.exit(2);
            return;
        }
        boolean ok;
        EmbeddedRouter router = null;
        try {
            if (options.url() == null) {
                router = WampRouters.start(options.realm(), 0).get(WAIT_SECONDS, TimeUnit.SECONDS);
            }
            String url = router != null ? router.getUrl() : options.url();
            System.out.println("router: " + (router != null ? "embedded, listening on " : "external at ") + url);
            run(url, options.realm(), System.out::println);
            ok = true;
        } catch (Exception e) {
            System.err.println("JavaComponent failed: " + e);
            ok = false;
        } finally {
            if (router != null) {
                router.close();
            }
        }
        System.out.println(ok ? "JavaComponent finished" : "JavaComponent FAILED");
        System.exit(ok ? 0 : 1);
    }

    /** Runs the callee and the caller against the router at {@code url}; {@code say} gets one line per exchange. */
    public static Report run(String url, String realm, Consumer<String> say) throws Exception {
        try (WampClient callee = WampClient.connect(url, realm).get(WAIT_SECONDS, TimeUnit.SECONDS);
             WampClient caller = WampClient.connect(url, realm).get(WAIT_SECONDS, TimeUnit.SECONDS)) {
            List<Long> received = new ArrayList<>();
            CompletableFuture<Void> allReceived = new CompletableFuture<>();

            CompletableFuture.allOf(
                    callee.registerSync("com.myapp.add2", inv -> inv.argLong(0) + inv.argLong(1)),
                    callee.register("com.myapp.slowsquare", inv -> CompletableFuture.supplyAsync(() -> {
                        long n = inv.argLong(0);
                        return n * n;
                    })),
                    callee.registerSync("com.myapp.fail", inv -> {
                        throw WampExceptions.of("com.myapp.error.oops", "this procedure always fails");
                    }),
                    callee.subscribe("com.myapp.oncounter", event -> {
                        say.accept("callee: received counter " + event.argLong(0));
                        synchronized (received) {
                            received.add(event.argLong(0));
                            if (received.size() == EVENTS) {
                                allReceived.complete(null);
                            }
                        }
                    })).get(WAIT_SECONDS, TimeUnit.SECONDS);
            say.accept("callee: registered com.myapp.add2, com.myapp.slowsquare, com.myapp.fail");

            long sum = caller.call("com.myapp.add2", List.of(2, 3)).get(WAIT_SECONDS, TimeUnit.SECONDS).argLong(0);
            say.accept("caller: add2(2, 3) = " + sum);
            long square = caller.call("com.myapp.slowsquare", List.of(12))
                    .thenApply(reply -> reply.argLong(0))
                    .get(WAIT_SECONDS, TimeUnit.SECONDS);
            say.accept("caller: slowsquare(12) = " + square);
            String errorUri;
            try {
                caller.call("com.myapp.fail").get(WAIT_SECONDS, TimeUnit.SECONDS);
                throw new IllegalStateException("com.myapp.fail did not fail");
            } catch (ExecutionException e) {
                WampException error = WampExceptions.unwrap(e);
                if (error == null) {
                    throw e;
                }
                errorUri = error.getUri();
                say.accept("caller: fail() raised " + errorUri + ": " + WampExceptions.payload(error).argString(0));
            }
            for (long n = 1; n <= EVENTS; n++) {
                caller.publish("com.myapp.oncounter", Payload.of(n), java.util.Map.of("acknowledge", true))
                        .get(WAIT_SECONDS, TimeUnit.SECONDS);
                say.accept("caller: published counter " + n);
            }
            allReceived.get(WAIT_SECONDS, TimeUnit.SECONDS);
            synchronized (received) {
                return new Report(sum, square, errorUri, List.copyOf(received));
            }
        }
    }
}
