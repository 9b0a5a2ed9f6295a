import dev.nebula.function.CatalogFunction;
import dev.nebula.runtime.*;
import java.lang.management.*;

/**
 * Evidence probe for graalwasm-wasi-settle.md (not part of the build): GraalWasm cold requests, fib(S), through
 * Deployment.coldInvoke in a plain loop for N seconds, printing per second the request rate and the CPU of every
 * Java thread (ThreadMXBean) and every native thread (/proc/self/task, for HotSpot's C1/C2 compiler threads).
 * Build: javac -cp target/benchmarks.jar -d /tmp/gs WasiProbe.java
 * Run:   java -XX:+UnlockExperimentalVMOptions -XX:+EnableJVMCI --upgrade-module-path=target/graal-compiler
 *          --enable-native-access=ALL-UNNAMED -Xmx1g -cp target/benchmarks.jar:/tmp/gs
 *          [-Dpolyglot.engine.TraceCompilation=true -Dpolyglot.log.file=...] WasiProbe WASI|HANDLER <seconds>
 */
public class WasiProbe {
    static final java.util.Map<String,Long> NPREV = new java.util.HashMap<>();
    static final java.util.Map<Long,Long> PREV = new java.util.HashMap<>();
    public static void main(String[] a) {
        FunctionHost rt = Runtimes.byId("graalwasm");
        Abi abi = Abi.valueOf(a[0]);
        int seconds = Integer.parseInt(a[1]);
        CatalogFunction f = CatalogFunction.byId("fib");
        long n = f.input("S"); long exp = f.reference(n);
        ThreadMXBean tm = ManagementFactory.getThreadMXBean();
        try (Deployment d = rt.deploy(FunctionArtifact.bundled(abi))) {
            long t0 = System.nanoTime(); long total = 0;
            for (int s = 0; s < seconds; s++) {
                long ws = System.nanoTime(); long c = 0; long other0 = other(tm); long jit0 = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
                while (System.nanoTime() - ws < 1_000_000_000L) {
                    if (d.coldInvoke(f, n, Phases.IGNORED) != exp) throw new IllegalStateException();
                    c++;
                }
                long other1 = other(tm);
                java.util.Map<String,Long> by = new java.util.TreeMap<>();
                for (long id : tm.getAllThreadIds()) { ThreadInfo ti = tm.getThreadInfo(id); if (ti == null) continue;
                    long cpu = tm.getThreadCpuTime(id); long prev = PREV.getOrDefault(id, 0L); PREV.put(id, cpu);
                    by.merge(ti.getThreadName().replaceAll("[0-9]+", "#"), cpu - prev, Long::sum); }
                StringBuilder sb = new StringBuilder();
                by.forEach((k, v) -> { if (v > 5_000_000) sb.append(String.format(" %s=%.0fms", k, v / 1e6)); });
                java.util.Map<String,Long> nat = new java.util.TreeMap<>();
                try (var ds = java.nio.file.Files.newDirectoryStream(java.nio.file.Path.of("/proc/self/task"))) {
                    for (var t : ds) { String st = java.nio.file.Files.readString(t.resolve("stat")); String comm = st.substring(st.indexOf('(') + 1, st.lastIndexOf(')'));
                        String[] sf = st.substring(st.lastIndexOf(')') + 2).split(" "); long ticks = Long.parseLong(sf[11]) + Long.parseLong(sf[12]);
                        String key = t.getFileName().toString(); long prev = NPREV.getOrDefault(key, 0L); NPREV.put(key, ticks);
                        nat.merge(comm.replaceAll("[0-9]+", "#"), ticks - prev, Long::sum); }
                } catch (java.io.IOException e) { throw new java.io.UncheckedIOException(e); }
                StringBuilder nb = new StringBuilder();
                nat.forEach((k, v) -> { if (v > 0) nb.append(String.format(" [%s]=%dms", k, v * 10)); });
                System.err.println("NATIVE sec " + s + ":" + nb);
                System.err.println("THREADS sec " + s + ":" + sb + " hotspotJitMs=" + (ManagementFactory.getCompilationMXBean().getTotalCompilationTime() - jit0) + " liveThreads=" + tm.getThreadCount() + " started=" + tm.getTotalStartedThreadCount());
                total += c;
                System.err.printf("PROBE " + java.time.Instant.now() + " sec %d: %d req, %.1f us/req, other threads %.2f cores%n", s, c, 1e6 / c, (other1 - other0) / 1e9);
            }
        }
    }
    static long other(ThreadMXBean tm) { long self = Thread.currentThread().threadId(), sum = 0;
        for (long id : tm.getAllThreadIds()) if (id != self) sum += Math.max(0, tm.getThreadCpuTime(id)); return sum; }
}
