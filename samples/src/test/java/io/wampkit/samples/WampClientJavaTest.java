package io.wampkit.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wampkit.WampAbortedException;
import io.wampkit.WampConnectionClosedException;
import io.wampkit.WampException;
import io.wampkit.java.CallReply;
import io.wampkit.java.IncomingCall;
import io.wampkit.java.Payload;
import io.wampkit.java.SubscriptionHandle;
import io.wampkit.java.WampClient;
import io.wampkit.java.WampExceptions;
import io.wampkit.router.EmbeddedRouter;
import io.wampkit.router.WampRouters;
import io.wampkit.session.SessionCloseDetails;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Java facade end to end: two WampClients over WebSocket through the embedded router, used from Java. */
class WampClientJavaTest {
    private EmbeddedRouter router;
    private WampClient callee;
    private WampClient caller;

    static <T> T await(CompletableFuture<T> future) throws Exception {
        return future.get(10, TimeUnit.SECONDS);
    }

    static WampException callError(CompletableFuture<?> future) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> await(future));
        return assertInstanceOf(WampException.class, e.getCause());
    }

    @BeforeEach
    void start() throws Exception {
        router = await(WampRouters.start("realm1", 0));
        callee = await(WampClient.connect(router.getUrl(), "realm1"));
        caller = await(WampClient.connect(router.getUrl(), "realm1"));
    }

    @AfterEach
    void stop() {
        caller.close();
        callee.close();
        router.close();
    }

    @Test
    void connectJoinsTheRealm() {
        assertTrue(callee.getSessionId() > 0);
        assertTrue(caller.isActive());
        assertEquals("realm1", caller.getRealm());
        assertEquals(2, router.sessionCount("realm1"));
    }

    @Test
    void connectingToAnUnknownRealmFailsWithTheRoutersAbort() {
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> await(WampClient.connect(router.getUrl(), "com.example.nowhere")));
        WampAbortedException aborted = assertInstanceOf(WampAbortedException.class, e.getCause());
        assertEquals("wamp.error.no_such_realm", aborted.getReason());
        assertEquals(2, router.sessionCount("realm1"));
    }

    @Test
    void anInMemoryClientOfTheSameRouterReachesTheWebSocketOnes() throws Exception {
        await(callee.registerSync("com.example.upper", inv -> inv.argString(0).toUpperCase(java.util.Locale.ROOT)));
        try (WampClient local = await(WampClient.connect(router.connector(), "realm1"))) {
            assertEquals("ABC", await(local.call("com.example.upper", List.of("abc"))).argString(0));
        }
    }

    @Test
    void callsAFunctionHandlerAndAFutureHandler() throws Exception {
        await(callee.registerSync("com.example.add2", inv -> inv.argLong(0) + inv.argLong(1)));
        await(callee.register("com.example.greet", inv -> CompletableFuture.supplyAsync(
                () -> Payload.withKwargs(List.of("hello " + inv.argString(0)), Map.of("length", inv.argString(0).length())))));
        await(callee.registerSync("com.example.nothing", inv -> null));

        CallReply sum = await(caller.call("com.example.add2", List.of(2, 3)));
        assertEquals(5L, sum.argLong(0));
        assertEquals(List.of(5L), sum.getArgs());
        assertEquals(42L, (long) await(caller.call("com.example.add2", List.of(40, 2)).thenApply(r -> r.argLong(0))));
        CallReply greeting = await(caller.call("com.example.greet", List.of("ada")));
        assertEquals("hello ada", greeting.argString(0));
        assertEquals(3L, greeting.kwarg("length"));
        assertEquals(0, await(caller.call("com.example.nothing")).getArgs().size());
    }

    @Test
    void handlerFailuresReachTheCallerAsWampExceptions() throws Exception {
        await(callee.registerSync("com.example.sync_error", inv -> {
            throw WampExceptions.of("com.example.error.invalid", "n must be positive", -1);
        }));
        await(callee.register("com.example.async_error",
                inv -> CompletableFuture.failedFuture(WampExceptions.of("com.example.error.later", "no"))));
        await(callee.registerSync("com.example.crash", inv -> {
            throw new IllegalStateException("boom");
        }));
        await(callee.register("com.example.crash_later", inv -> CompletableFuture.supplyAsync(() -> {
            throw new IllegalStateException("late boom");
        })));

        WampException sync = callError(caller.call("com.example.sync_error"));
        assertEquals("com.example.error.invalid", sync.getUri());
        assertEquals(List.of("n must be positive", -1L), WampExceptions.payload(sync).getArgs());
        assertEquals("com.example.error.later", callError(caller.call("com.example.async_error")).getUri());
        WampException crash = callError(caller.call("com.example.crash"));
        assertEquals("wamp.error.runtime_error", crash.getUri());
        assertEquals("boom", WampExceptions.payload(crash).argString(0));
        assertEquals("wamp.error.runtime_error", callError(caller.call("com.example.crash_later")).getUri());
        assertEquals("wamp.error.no_such_procedure", callError(caller.call("com.example.missing")).getUri());
        // the CompletionException of join() unwraps the same way
        CompletableFuture<CallReply> failed = caller.call("com.example.sync_error");
        Throwable thrown = assertThrows(RuntimeException.class, failed::join);
        assertEquals("com.example.error.invalid", WampExceptions.unwrap(thrown).getUri());
    }

    @Test
    void cancellingACallFutureInterruptsAFutureHandler() throws Exception {
        CompletableFuture<Void> started = new CompletableFuture<>();
        CompletableFuture<Object> pending = new CompletableFuture<>();
        await(callee.register("com.example.forever", inv -> {
            started.complete(null);
            return pending;
        }));
        CompletableFuture<CallReply> call = caller.call("com.example.forever");
        await(started);
        assertTrue(call.cancel(true));
        // CANCEL reached the router, which sent INTERRUPT: the handler's future is cancelled
        Throwable outcome = await(pending.handle((value, error) -> error));
        assertInstanceOf(CancellationException.class, outcome);
        assertTrue(call.isCancelled());
        // both sessions go on
        await(callee.registerSync("com.example.echo", inv -> inv.arg(0)));
        assertEquals("still here", await(caller.call("com.example.echo", List.of("still here"))).argString(0));
    }

    @Test
    void cancellingACallFutureInterruptsTheThreadOfAFunctionHandler() throws Exception {
        CompletableFuture<Void> started = new CompletableFuture<>();
        CompletableFuture<Boolean> interrupted = new CompletableFuture<>();
        await(callee.registerSync("com.example.blocking", inv -> {
            started.complete(null);
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                interrupted.complete(true);
            }
            return "never sent";
        }));
        CompletableFuture<CallReply> call = caller.call("com.example.blocking");
        await(started);
        call.cancel(true);
        assertTrue(await(interrupted));
    }

    @Test
    void progressiveResultsReachTheCallerInOrder() throws Exception {
        await(callee.register("com.example.countdown", (IncomingCall inv) -> {
            CompletableFuture<?> chain = CompletableFuture.completedFuture(true);
            for (long n = inv.argLong(0); n > 0; n--) {
                long value = n;
                chain = chain.thenCompose(sent -> inv.progress(Payload.of(value)));
            }
            return chain.thenApply(sent -> 0L);
        }));
        List<Long> progress = new CopyOnWriteArrayList<>();
        CallReply last = await(caller.callProgressive("com.example.countdown", Payload.of(3),
                reply -> progress.add(reply.argLong(0))));
        assertEquals(List.of(3L, 2L, 1L), progress);
        assertEquals(0L, last.argLong(0));
        assertFalse(last.isProgress());
    }

    @Test
    void subscribeDeliversEventsToTheConsumerUntilUnsubscribed() throws Exception {
        List<Long> first = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> firstGotOne = new CompletableFuture<>();
        SubscriptionHandle handle = await(callee.subscribe("com.example.topic", event -> {
            first.add(event.argLong(0));
            assertEquals("com.example.topic", event.getTopic());
            firstGotOne.complete(null);
        }));
        Long publication = await(caller.publishAcknowledged("com.example.topic", List.of(1)));
        assertNotNull(publication);
        await(firstGotOne);
        await(handle.unsubscribe());
        await(handle.unsubscribe()); // idempotent

        // a sentinel subscription on the same session: events reach it in the order the router sent them,
        // so once it has event 2, an event 2 for the first subscription would have arrived before it
        CompletableFuture<Long> sentinel = new CompletableFuture<>();
        await(callee.subscribe("com.example.other", event -> sentinel.complete(event.argLong(0))));
        await(caller.publish("com.example.topic", Payload.of(2), Map.of("acknowledge", true)));
        await(caller.publish("com.example.other", List.of(2)));
        assertEquals(2L, (long) await(sentinel));
        assertEquals(List.of(1L), first);
    }

    @Test
    void closeInTryWithResourcesLeavesTheRealm() throws Exception {
        WampClient closed;
        try (InMemorySessions sessions = new InMemorySessions(router.getRouter())) {
            ServedSession served = sessions.open();
            try (WampClient client = await(WampClient.connect(served.getConnector(), "realm1"))) {
                closed = client;
                assertEquals(3, router.sessionCount("realm1"));
                await(client.registerSync("com.example.mine", inv -> "mine"));
            }
            assertFalse(closed.isActive());
            SessionCloseDetails details = await(closed.whenClosed());
            assertEquals("wamp.close.normal", details.getReason());
            assertTrue(details.isGraceful(), "the router answered GOODBYE");
            await(served.getServed()); // the router has finished the session...
            assertEquals(2, router.sessionCount("realm1")); // ...and it has left the realm
        }
        closed.close(); // idempotent
        assertEquals(SessionCloseDetails.class, await(closed.leave()).getClass());
        ExecutionException e = assertThrows(ExecutionException.class, () -> await(closed.call("com.example.mine")));
        assertInstanceOf(WampConnectionClosedException.class, e.getCause());
        assertEquals("wamp.error.no_such_procedure", callError(caller.call("com.example.mine")).getUri());
    }
}
