package dev.nebula.measure;

import dev.nebula.NebulaException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The whole machine's CPU time so far, from the first line of {@code /proc/stat}, in USER_HZ ticks.
 *
 * <p>Busy time is user + nice + system + irq + softirq. Idle and iowait are time no work ran; steal is time the
 * hypervisor gave to another guest; guest and guest_nice are already counted inside user and nice, so adding them
 * would count a virtual machine's work twice.
 *
 * @param busyTicks user + nice + system + irq + softirq, summed over every CPU
 */
public record ProcStat(long busyTicks) {
    /**
     * The unit of {@code /proc/stat}: USER_HZ, 100 on every Linux architecture's user-space ABI ({@code getconf
     * CLK_TCK}), whatever the kernel's own tick rate. One tick is 10 ms of one CPU.
     */
    public static final long TICKS_PER_SECOND = 100;
    public static final long NANOS_PER_TICK = 1_000_000_000L / TICKS_PER_SECOND;
    private static final Path PROC_STAT = Path.of("/proc/stat");

    /** Reads the machine's counters now. */
    public static ProcStat read() {
        return parse(text());
    }

    /** Parses the aggregate {@code cpu} line of a {@code /proc/stat} text. */
    public static ProcStat parse(String procStat) {
        String firstLine = procStat.lines().findFirst().orElse("");
        String[] fields = firstLine.strip().split("\\s+");
        if (!fields[0].equals("cpu") || fields.length < 8) {
            throw new NebulaException("/proc/stat does not start with the aggregate 'cpu' line of at least 7 counters: '"
                    + firstLine + "'");
        }
        long user = field(fields, 1);
        long nice = field(fields, 2);
        long system = field(fields, 3);
        long irq = field(fields, 6);
        long softirq = field(fields, 7);
        return new ProcStat(user + nice + system + irq + softirq);
    }

    /** The machine's online CPUs now: one {@code cpuN} line each in {@code /proc/stat}. */
    public static int onlineCpus() {
        return onlineCpus(text());
    }

    /** The {@code cpuN} lines of a {@code /proc/stat} text (an offline CPU has none); at least 1. */
    public static int onlineCpus(String procStat) {
        return (int) Math.max(1, procStat.lines().filter(line -> line.matches("cpu\\d+\\s.*")).count());
    }

    private static String text() {
        try {
            return Files.readString(PROC_STAT);
        } catch (IOException e) {
            throw new NebulaException("cannot read " + PROC_STAT + " (the CPU profiler needs Linux): " + e.getMessage(), e);
        }
    }

    private static long field(String[] fields, int index) {
        try {
            return Long.parseLong(fields[index]);
        } catch (NumberFormatException e) {
            throw new NebulaException("/proc/stat field " + index + " of the 'cpu' line is not a count: '" + fields[index] + "'", e);
        }
    }

    /** Busy ticks since {@code earlier}. */
    public long busyTicksSince(ProcStat earlier) {
        return busyTicks - earlier.busyTicks;
    }
}
