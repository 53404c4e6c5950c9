package io.wampkit.bench;

import io.wampkit.message.Call;
import io.wampkit.message.DecodeResult;
import io.wampkit.message.Event;
import io.wampkit.message.Result;
import io.wampkit.message.WampMessage;
import io.wampkit.serialization.WampSerializer;
import io.wampkit.serialization.WampSerializerKt;
import io.wampkit.value.WampDict;
import io.wampkit.value.WampList;
import io.wampkit.value.WampValuesKt;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Encoding and decoding of one CALL, RESULT or EVENT frame per serializer, with a small and two 4 KiB payloads.
 * <ul>
 *   <li>{@code small}: args {@code [2, 3]} (the add2 call of the interop bench);</li>
 *   <li>{@code string4k}: args {@code [<4096 ASCII characters>]};</li>
 *   <li>{@code dict4k}: kwargs with 146 entries of mixed types (strings, integers, floats, booleans, a nested
 *       list), about 4 KiB as JSON.</li>
 * </ul>
 * Decoding includes the strict validation the runtime does on every frame (ids, URIs, types).
 * Run: {@code java -jar bench/target/benchmarks.jar CodecBenchmark [-p serializer=json -p payload=small]}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class CodecBenchmark {

    @Param({"json", "msgpack", "cbor"})
    public String serializer;

    @Param({"CALL", "RESULT", "EVENT"})
    public String message;

    @Param({"small", "string4k", "dict4k"})
    public String payload;

    private WampSerializer codec;
    private WampMessage value;
    private byte[] frame;

    @Setup
    public void setUp() {
        codec = WampSerializerKt.serializerNamed(serializer);
        if (codec == null) throw new IllegalArgumentException("no serializer " + serializer);
        WampList args;
        WampDict kwargs;
        switch (payload) {
            case "small":
                args = list(List.of(2, 3));
                kwargs = WampDict.Companion.getEMPTY();
                break;
            case "string4k":
                args = list(List.of("x".repeat(4096)));
                kwargs = WampDict.Companion.getEMPTY();
                break;
            case "dict4k":
                args = WampList.Companion.getEMPTY();
                kwargs = dict4k();
                break;
            default:
                throw new IllegalArgumentException("payload must be small, string4k or dict4k: " + payload);
        }
        WampDict empty = WampDict.Companion.getEMPTY();
        switch (message) {
            case "CALL":
                value = new Call(4_711L, empty, "com.example.add2", args, kwargs);
                break;
            case "RESULT":
                value = new Result(4_711L, empty, args, kwargs);
                break;
            case "EVENT":
                value = new Event(5_566_778L, 1_234_567_890L, empty, args, kwargs);
                break;
            default:
                throw new IllegalArgumentException("message must be CALL, RESULT or EVENT: " + message);
        }
        frame = codec.encode(value);
        DecodeResult back = codec.decode(frame);
        if (!(back instanceof DecodeResult.Success) || !((DecodeResult.Success) back).getMessage().equals(value)) {
            throw new IllegalStateException(serializer + " does not round-trip " + message + "/" + payload + ": " + back);
        }
    }

    @Benchmark
    public byte[] encode() {
        return codec.encode(value);
    }

    @Benchmark
    public DecodeResult decode() {
        return codec.decode(frame);
    }

    /** 146 entries, about 4 KiB as JSON: a record-like mix rather than one long string. */
    static WampDict dict4k() {
        Map<String, Object> entries = new LinkedHashMap<>();
        for (int i = 0; i < 146; i++) {
            String key = String.format("field_%03d", i);
            switch (i % 4) {
                case 0: entries.put(key, "value number " + i + " of the record"); break;
                case 1: entries.put(key, 1_000_000L * i + 7); break;
                case 2: entries.put(key, i * 0.125 + 3.5); break;
                default:
                    List<Object> nested = new ArrayList<>();
                    nested.add(i % 2 == 0);
                    nested.add(i);
                    nested.add("n" + i);
                    entries.put(key, nested);
            }
        }
        return (WampDict) WampValuesKt.toWampValue(entries);
    }

    private static WampList list(List<?> items) {
        return (WampList) WampValuesKt.toWampValue(items);
    }
}
