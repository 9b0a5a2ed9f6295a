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
 * call of microseconds. Also the CPU of the children this process has waited for ({@code getrusage(RUSAGE_CHILDREN)}).
 */
final class ProcessCpuClock {
    private static final int CLOCK_PROCESS_CPUTIME_ID = 2; // linux/time.h
    private static final int RUSAGE_CHILDREN = -1; // sys/resource.h
    /** struct rusage is 144 bytes on 64-bit Linux; its first two fields are the user and system struct timeval. */
    private static final long RUSAGE_BYTES = 256;
    private static final Linker LINKER = Linker.nativeLinker();
    private static final MethodHandle CLOCK_GETTIME = LINKER.downcallHandle(libc("clock_gettime"),
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS));
    private static final MethodHandle GETRUSAGE = LINKER.downcallHandle(libc("getrusage"),
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

    /**
     * Nanoseconds of CPU (user + system) of this process's children that have exited and been waited for, with
     * their own waited-for descendants: the kernel adds a child's times to its parent's when the parent reaps it.
     * Microsecond resolution.
     */
    static long exitedChildrenNanos() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment rusage = arena.allocate(RUSAGE_BYTES, Long.BYTES); // { timeval utime; timeval stime; ... }
            int status = (int) GETRUSAGE.invokeExact(RUSAGE_CHILDREN, rusage);
            if (status != 0) {
                throw new NebulaException("getrusage(RUSAGE_CHILDREN) failed");
            }
            long micros = 0;
            for (int timeval = 0; timeval < 2; timeval++) {
                micros += rusage.get(ValueLayout.JAVA_LONG, timeval * 2L * Long.BYTES) * 1_000_000L
                        + rusage.get(ValueLayout.JAVA_LONG, (timeval * 2L + 1) * Long.BYTES);
            }
            return micros * 1_000;
        } catch (NebulaException e) {
            throw e;
        } catch (Throwable e) {
            throw new NebulaException("cannot read the CPU time of this process's exited children: " + e, e);
        }
    }

    private static MemorySegment libc(String function) {
        return LINKER.defaultLookup().find(function).orElseThrow(() ->
                new NebulaException("no " + function + " in the C library: CPU time per operation needs Linux"));
    }
}
