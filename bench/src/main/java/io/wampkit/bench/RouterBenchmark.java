package io.wampkit.bench;

import io.wampkit.message.Call;
import io.wampkit.message.Event;
import io.wampkit.message.Invocation;
import io.wampkit.message.Publish;
import io.wampkit.message.Published;
import io.wampkit.message.Result;
import io.wampkit.message.WampMessage;
import io.wampkit.message.Yield;
import io.wampkit.router.WampRouter;
import io.wampkit.router.WampRouterBuilderKt;
import io.wampkit.value.WampDict;
import io.wampkit.value.WampInt;
import io.wampkit.value.WampList;
import io.wampkit.value.WampValuesKt;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import kotlin.Unit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The embedded router's core over its in-memory connector ({@code router.connector()}, no sockets, no
 * serialization), driven by raw peers ({@link BlockingPeer}) that send and receive message objects by hand.
 * <ul>
 *   <li>{@code call}: one full RPC round trip, CALL → INVOCATION at the callee → YIELD → RESULT at the caller
 *       (add2 with args {@code [2, 3]});</li>
 *   <li>{@code publish}: one acknowledged PUBLISH fanned out to {@code subscribers} sessions: the op ends when
 *       PUBLISHED has come back and every subscriber has received its EVENT.</li>
 * </ul>
 * The router serves its sessions on {@code Dispatchers.Default}; the benchmark thread blocks on each reply, so
 * each op includes the hand-offs between the two (as a client on another thread would see them).
 * Run: {@code java -jar bench/target/benchmarks.jar RouterBenchmark [-p subscribers=1000]}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class RouterBenchmark {
    static final String REALM = "realm1";
    static final String PROCEDURE = "com.example.add2";
    static final String TOPIC = "com.example.bench.topic";

    static WampRouter newRouter() {
        return WampRouterBuilderKt.wampRouter(builder -> {
            builder.realm(REALM);
            return Unit.INSTANCE;
        });
    }

    static WampDict empty() {
        return WampDict.Companion.getEMPTY();
    }

    /** One caller and one callee of add2. */
    @State(Scope.Benchmark)
    public static class Rpc {
        WampRouter router;
        BlockingPeer callee;
        BlockingPeer caller;
        final WampList args = (WampList) WampValuesKt.toWampValue(List.of(2, 3));

        @Setup(Level.Trial)
        public void setUp() {
            router = newRouter();
            callee = BlockingPeer.join(router, REALM);
            callee.register(PROCEDURE);
            caller = BlockingPeer.join(router, REALM);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            BlockingPeer.closeAll(router, List.of(caller, callee));
        }
    }

    /** One publisher and {@code subscribers} sessions subscribed to the topic. */
    @State(Scope.Benchmark)
    public static class PubSub {
        @Param({"1", "10", "1000"})
        public int subscribers;

        WampRouter router;
        BlockingPeer publisher;
        final List<BlockingPeer> subscriberPeers = new ArrayList<>();
        final WampDict acknowledge = (WampDict) WampValuesKt.toWampValue(Map.of("acknowledge", true));
        final WampList args = (WampList) WampValuesKt.toWampValue(List.of(2, 3));

        @Setup(Level.Trial)
        public void setUp() {
            router = newRouter();
            for (int i = 0; i < subscribers; i++) {
                BlockingPeer subscriber = BlockingPeer.join(router, REALM);
                subscriber.subscribe(TOPIC);
                subscriberPeers.add(subscriber);
            }
            publisher = BlockingPeer.join(router, REALM);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            List<BlockingPeer> all = new ArrayList<>(subscriberPeers);
            all.add(publisher);
            BlockingPeer.closeAll(router, all);
        }
    }

    @Benchmark
    public Result call(Rpc s) {
        long request = s.caller.nextRequest();
        s.caller.send(new Call(request, empty(), PROCEDURE, s.args, empty()));
        WampMessage invocation = s.callee.receive();
        if (!(invocation instanceof Invocation)) throw new IllegalStateException("expected INVOCATION, got " + invocation);
        Invocation inv = (Invocation) invocation;
        long sum = ((WampInt) inv.getArgs().get(0)).getValue() + ((WampInt) inv.getArgs().get(1)).getValue();
        s.callee.send(new Yield(inv.getRequest(), empty(), (WampList) WampValuesKt.toWampValue(List.of(sum)), empty()));
        WampMessage result = s.caller.receive();
        if (!(result instanceof Result) || ((Result) result).getRequest() != request) {
            throw new IllegalStateException("expected RESULT for " + request + ", got " + result);
        }
        return (Result) result;
    }

    @Benchmark
    public int publish(PubSub s) {
        long request = s.publisher.nextRequest();
        s.publisher.send(new Publish(request, s.acknowledge, TOPIC, s.args, empty()));
        WampMessage ack = s.publisher.receive();
        if (!(ack instanceof Published) || ((Published) ack).getRequest() != request) {
            throw new IllegalStateException("expected PUBLISHED for " + request + ", got " + ack);
        }
        return BlockingPeer.receiveOneEach(s.subscriberPeers, Event.class);
    }
}
