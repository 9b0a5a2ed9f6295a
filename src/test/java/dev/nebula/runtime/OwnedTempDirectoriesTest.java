package dev.nebula.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The temporary directories of a JVM that died without cleaning up are swept; a live JVM's are left alone. */
class OwnedTempDirectoriesTest {
    @TempDir
    Path parent;

    @Test
    void sweepsTheDirectoriesOfDeadJvmsOnly() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        long deadPid = gone.pid();
        Path dead = Files.createDirectory(parent.resolve("nebula-warm-" + deadPid + "-123"));
        Files.writeString(dead.resolve("socket-leftover"), "x");
        Path mine = Files.createDirectory(parent.resolve("nebula-warm-" + ProcessHandle.current().pid() + "-456"));
        Path init = Files.createDirectory(parent.resolve("nebula-warm-1-789"));
        Path otherKind = Files.createDirectory(parent.resolve("nebula-process-" + deadPid + "-1"));
        Path results = Files.createDirectory(parent.resolve("nebula-results-20261125T000000Z-1"));

        assertEquals(1, OwnedTempDirectories.sweep(parent, "warm"));
        assertFalse(Files.exists(dead), "the dead JVM's directory is gone, with its contents");
        assertTrue(Files.exists(mine) && Files.exists(init), "live owners' directories stay");
        assertTrue(Files.exists(otherKind) && Files.exists(results), "other kinds, and fallback results, are never swept here");
    }

    @Test
    void aDirectoryCarriesItsOwnersPid() throws Exception {
        Path directory = OwnedTempDirectories.create("test");
        try {
            assertTrue(directory.getFileName().toString().startsWith("nebula-test-" + ProcessHandle.current().pid() + "-"), directory.toString());
        } finally {
            Files.delete(directory);
        }
    }
}
