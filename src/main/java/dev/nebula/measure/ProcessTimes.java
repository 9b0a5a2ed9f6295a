package dev.nebula.measure;

import dev.nebula.NebulaException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One process's CPU so far, from {@code /proc/<pid>/stat}, in USER_HZ ticks ({@link ProcStat#NANOS_PER_TICK}).
 *
 * @param command the process's name (its {@code comm}, at most 15 characters)
 * @param parent its parent's pid
 * @param ownTicks utime + stime: its own threads
 * @param exitedChildrenTicks cutime + cstime: its children that exited and that it waited for, with theirs
 */
record ProcessTimes(String command, long parent, long ownTicks, long exitedChildrenTicks) {

    /** Own and waited-for children's CPU, in nanoseconds. */
    public long totalNanos() {
        return (ownTicks + exitedChildrenTicks) * ProcStat.NANOS_PER_TICK;
    }

    /** The process's times now, or empty if it has gone. */
    public static Optional<ProcessTimes> of(long pid) {
        try {
            return Optional.of(parse(Files.readString(Path.of("/proc", Long.toString(pid), "stat"))));
        } catch (IOException gone) {
            return Optional.empty();
        }
    }

    /** Parses a {@code /proc/<pid>/stat} line; the name may hold spaces and parentheses, so fields count from the last ')'. */
    public static ProcessTimes parse(String stat) {
        int open = stat.indexOf('(');
        int close = stat.lastIndexOf(')');
        if (open < 0 || close < open) {
            throw new NebulaException("not a /proc/<pid>/stat line (no '(name)'): '" + stat.strip() + "'");
        }
        // after the name: state(3) ppid(4) ... utime(14) stime(15) cutime(16) cstime(17), numbered as in proc(5)
        String[] fields = stat.substring(close + 1).strip().split("\\s+");
        if (fields.length < 15) {
            throw new NebulaException("a /proc/<pid>/stat line with " + fields.length + " fields after the name, fewer than the 15"
                    + " up to cstime: '" + stat.strip() + "'");
        }
        try {
            long parent = Long.parseLong(fields[1]);
            long own = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            long children = Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
            return new ProcessTimes(stat.substring(open + 1, close), parent, own, children);
        } catch (NumberFormatException e) {
            throw new NebulaException("a /proc/<pid>/stat line whose ppid or times are not counts: '" + stat.strip() + "'", e);
        }
    }
}
