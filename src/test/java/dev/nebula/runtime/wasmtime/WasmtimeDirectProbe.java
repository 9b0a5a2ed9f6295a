package dev.nebula.runtime.wasmtime;

import dev.nebula.function.CatalogFunction;
import io.github.kawamuray.wasmtime.Engine;
import io.github.kawamuray.wasmtime.Func;
import io.github.kawamuray.wasmtime.Instance;
import io.github.kawamuray.wasmtime.Module;
import io.github.kawamuray.wasmtime.Store;
import io.github.kawamuray.wasmtime.Val;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;

/**
 * A yardstick for the {@code wasmtime} runtime, independent of Nebula's runtime classes: wasmtime-java used directly, as
 * issue 8 measured it. One engine and one compiled {@code nebula.wasm}; then {@value #CYCLES} times a fresh store
 * and instance, {@code fibonacci(3500)}, everything closed; prints the median of the last {@value #TAIL} cycles.
 * Nebula's warm-host cold start ({@code ColdStartWarmHost -p runtime=wasmtime -p fn=fib -p n=S}) should be within
 * a small factor of it. Not a test (surefire does not run it):
 * <pre>
 * java --enable-native-access=ALL-UNNAMED -cp target/benchmarks.jar:target/test-classes dev.nebula.runtime.wasmtime.WasmtimeDirectProbe
 * </pre>
 */
public final class WasmtimeDirectProbe {
    static final int CYCLES = 20_000;
    static final int TAIL = 1_000;
    static final long N = 3500;

    private WasmtimeDirectProbe() {}

    public static void main(String[] args) throws IOException {
        byte[] wasm;
        try (InputStream in = WasmtimeDirectProbe.class.getResourceAsStream("/nebula/nebula.wasm")) {
            if (in == null) {
                throw new IllegalStateException("nebula.wasm is not on the classpath; put target/benchmarks.jar or target/classes on it");
            }
            wasm = in.readAllBytes();
        }
        long expected = CatalogFunction.FIB.reference(N); // the catalog's answer; nothing else of Nebula runs
        long[] nanos = new long[CYCLES];
        try (Engine engine = new Engine(); Module module = new Module(engine, wasm)) {
            for (int i = 0; i < CYCLES; i++) {
                long begin = System.nanoTime();
                long answer;
                try (Store<Void> store = new Store<>(null, engine);
                     Instance instance = new Instance(store, module, List.of());
                     Func fibonacci = instance.getFunc(store, "fibonacci").orElseThrow()) {
                    answer = fibonacci.call(store, Val.fromI64(N))[0].i64();
                }
                nanos[i] = System.nanoTime() - begin;
                if (answer != expected) {
                    throw new IllegalStateException("fibonacci(" + N + ") = " + answer + ", expected " + expected);
                }
            }
        }
        long[] tail = Arrays.copyOfRange(nanos, CYCLES - TAIL, CYCLES);
        Arrays.sort(tail);
        System.out.printf("wasmtime-java direct: %d cycles of (new Store, new Instance, getFunc, fibonacci(%d), close);"
                + " last %d: median %.1f µs, p10 %.1f µs, p90 %.1f µs%n", CYCLES, N, TAIL,
                tail[TAIL / 2] / 1e3, tail[TAIL / 10] / 1e3, tail[TAIL * 9 / 10] / 1e3);
    }
}
