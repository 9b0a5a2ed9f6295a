import com.dylibso.chicory.runtime.ByteArrayMemory;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import com.sun.management.ThreadMXBean;
import dev.nebula.runtime.chicory.aot.NebulaHandler;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.function.LongSupplier;

/**
 * Probe for docs/profiles/chicory-cold-start.md, not a benchmark: times one chicory-aot cold start (fresh instance of the
 * build-time compiled nebula.wasm + fibonacci(3500)) against the allocation alone that Chicory 1.7.5's default memory
 * (ByteBufferMemory) makes per instance, and reports bytes allocated per operation.
 *
 * <p>Run: {@code java -Xms1g -Xmx1g -XX:+AlwaysPreTouch -XX:+UseG1GC -cp target/benchmarks.jar
 * docs/profiles/ColdStartAllocation.java [case...]}; cases: pages, pages-zeroed, cold, cold-bytearray, cold-capped.
 */
public class ColdStartAllocation {
    static final WasmModule MODULE = NebulaHandler.load();
    static final int PAGE = 65536;
    static final int INITIAL_PAGES = 17; // nebula.wasm: memory[0] initial=17, no maximum
    static long sink;

    public static void main(String[] args) {
        String[] cases = args.length > 0 ? args : new String[] {"pages", "pages-zeroed", "cold", "cold-bytearray", "cold-capped"};
        for (String name : cases) {
            run(name, operation(name));
        }
    }

    static LongSupplier operation(String name) {
        return switch (name) {
            // exactly ByteBufferMemory's allocation, nothing else
            case "pages" -> () -> {
                ByteBuffer[] pages = allocatePages();
                return pages.length + pages[16].capacity();
            };
            // the allocation, then Chicory's Instance.initialize -> Memory.zero(): every page filled with 0 once more
            case "pages-zeroed" -> () -> {
                ByteBuffer[] pages = allocatePages();
                for (int i = 0; i < INITIAL_PAGES; i++) {
                    Arrays.fill(pages[i].array(), (byte) 0);
                }
                return pages.length + pages[16].capacity();
            };
            case "cold" -> () -> fib(Instance.builder(MODULE).withMachineFactory(NebulaHandler::create).withStart(false).build());
            case "cold-bytearray" -> () -> fib(Instance.builder(MODULE).withMachineFactory(NebulaHandler::create)
                    .withMemoryFactory(ByteArrayMemory::new).withStart(false).build());
            // the page table sized to the 17 initial pages instead of 32767 slots
            case "cold-capped" -> () -> fib(Instance.builder(MODULE).withMachineFactory(NebulaHandler::create)
                    .withMemoryLimits(new MemoryLimits(INITIAL_PAGES, INITIAL_PAGES)).withStart(false).build());
            default -> throw new IllegalArgumentException("unknown case " + name + "; use pages, pages-zeroed, cold, cold-bytearray or cold-capped");
        };
    }

    /** What ByteBufferMemory(MemoryLimits) allocates: a page table of min(max, 32767) slots, then 17 pages of 64 KiB. */
    static ByteBuffer[] allocatePages() {
        ByteBuffer[] pages = new ByteBuffer[32767];
        for (int i = 0; i < INITIAL_PAGES; i++) {
            pages[i] = ByteBuffer.allocate(PAGE).order(ByteOrder.LITTLE_ENDIAN);
        }
        return pages;
    }

    static long fib(Instance instance) {
        return instance.export("fibonacci").apply(3_500)[0];
    }

    /** 4 s of warm-up, then 200,000 timed operations (or 5 s); prints p50, p90, mean and bytes allocated per operation. */
    static void run(String name, LongSupplier op) {
        long end = System.nanoTime() + 4_000_000_000L;
        while (System.nanoTime() < end) {
            sink += op.getAsLong();
        }
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long[] times = new long[200_000];
        int n = 0;
        long bytesBefore = threads.getCurrentThreadAllocatedBytes();
        long stop = System.nanoTime() + 5_000_000_000L;
        while (n < times.length && System.nanoTime() < stop) {
            long t0 = System.nanoTime();
            sink += op.getAsLong();
            times[n++] = System.nanoTime() - t0;
        }
        long bytes = threads.getCurrentThreadAllocatedBytes() - bytesBefore;
        long[] done = Arrays.copyOf(times, n);
        Arrays.sort(done);
        double mean = Arrays.stream(done).average().orElse(0) / 1000.0;
        System.out.printf("%-15s ops=%7d  p50=%7.1f us  p90=%7.1f us  mean=%7.1f us  alloc/op=%,d B%n",
                name, n, done[n / 2] / 1000.0, done[n * 9 / 10] / 1000.0, mean, bytes / n);
    }
}
