package dev.nebula.measure;

import dev.nebula.NebulaException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * This process's CPU time, every thread included (JIT, GC, threads already ended), to the nanosecond:
 * {@code clock_gettime(CLOCK_PROCESS_CPUTIME_ID)} through the foreign-function API. The JDK's own
 * {@code OperatingSystemMXBean.getProcessCpuTime()} reads {@code times()} on Linux, in 10 ms ticks, too coarse for a
 * call of microseconds.
 */
final class ProcessCpuClock {
    private static final int CLOCK_PROCESS_CPUTIME_ID = 2; // linux/time.h
    private static final MethodHandle CLOCK_GETTIME = Linker.nativeLinker().downcallHandle(
            Linker.nativeLinker().defaultLookup().find("clock_gettime").orElseThrow(() ->
                    new NebulaException("no clock_gettime in the C library: CPU time per operation needs Linux")),
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS));

    private ProcessCpuClock() {}

    /** Nanoseconds of CPU this process has used so far. */
    static long nanos() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment timespec = arena.allocate(2 * Long.BYTES, Long.BYTES); // struct timespec { long sec; long nsec; }
            int status = (int) CLOCK_GETTIME.invokeExact(CLOCK_PROCESS_CPUTIME_ID, timespec);
            if (status != 0) {
                throw new NebulaException("clock_gettime(CLOCK_PROCESS_CPUTIME_ID) failed");
            }
            return timespec.get(ValueLayout.JAVA_LONG, 0) * 1_000_000_000L + timespec.get(ValueLayout.JAVA_LONG, Long.BYTES);
        } catch (NebulaException e) {
            throw e;
        } catch (Throwable e) {
            throw new NebulaException("cannot read this process's CPU time: " + e, e);
        }
    }
}
