package dev.nebula.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nebula.NebulaException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where a result file may go: a regular file or a new name; a symlink stays a link; anything else is refused. */
class ResultTargetTest {
    @TempDir
    Path temp;

    @Test
    void aSymlinkStaysALinkAndItsTargetGetsTheBytes() throws Exception {
        Path target = Files.writeString(temp.resolve("real.json"), "old");
        Path link = Files.createSymbolicLink(temp.resolve("link.json"), Path.of("real.json"));
        ResultsWriter.writeAtomically(link, "new".getBytes(StandardCharsets.UTF_8));
        assertTrue(Files.isSymbolicLink(link), "the link is still a link");
        assertEquals("new", Files.readString(target));
        assertEquals(List.of("link.json", "real.json"), names(), "no temporary file is left");
    }

    @Test
    void aDirectoryOrAFifoIsRefusedNamingWhatItIs() throws Exception {
        Path directory = Files.createDirectory(temp.resolve("out.json"));
        NebulaException e = assertThrows(NebulaException.class, () -> ResultsLocation.requireWritableFile(directory));
        assertTrue(e.getMessage().contains("it is a directory; results go to a regular file or a new name"), e.getMessage());

        Path fifo = temp.resolve("fifo.json");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        e = assertThrows(NebulaException.class, () -> ResultsLocation.requireWritableFile(fifo));
        assertTrue(e.getMessage().contains("it is a fifo"), e.getMessage());
    }

    @Test
    void aWriteThroughALinkToAFifoIsRefusedAndLeavesBoth() throws Exception {
        Path fifo = temp.resolve("fifo");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        Path link = Files.createSymbolicLink(temp.resolve("via.json"), fifo);
        IOException e = assertThrows(IOException.class, () -> ResultsWriter.writeAtomically(link, new byte[1]));
        assertTrue(e.getMessage().contains("it is a fifo (the symlink leads to " + fifo + ")"), e.getMessage());
        assertTrue(Files.isSymbolicLink(link));
        assertEquals(List.of("fifo", "via.json"), names());
    }

    private List<String> names() throws Exception {
        try (Stream<Path> files = Files.list(temp)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }
}
