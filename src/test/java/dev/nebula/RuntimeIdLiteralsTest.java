package dev.nebula;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nebula.runtime.Runtimes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A runtime's id is spelled in one main source file, its own, and read everywhere else through its descriptor or its
 * id constant: adding a runtime then touches its package and the registry only.
 */
class RuntimeIdLiteralsTest {
    /**
     * Where an id's word means something else: the {@code java} launcher, the {@code docker} CLI's argv and the sidecar's
     * {@code docker} (engine) section, the kind label {@code process}, the OCI config's {@code "process"} object, and
     * the daemons' process names ({@code dockerd}, {@code containerd}).
     */
    private static final Pattern OTHER_MEANINGS = Pattern.compile(
            "\"bin\", \"java\"|orElse\\(\"java\"\\)|\\(\"docker\", \"(?:ps|version|image|inspect|run|rm|save)\"|path\\(\"docker\"\\)|onPath\\(\"docker\"\\)|\"process\": \\{|\"dockerd\", \"containerd\"|set\\(\"docker\",|PROCESS\\(\"process\"\\)");

    @Test
    void eachRuntimeIdIsSpelledInOneMainSourceFile() throws IOException {
        Map<String, List<Path>> spelledIn = new LinkedHashMap<>();
        List<Path> sources;
        try (Stream<Path> files = Files.walk(Path.of(BuildInfo.PROJECT_DIR, "src", "main", "java"))) {
            sources = files.filter(path -> path.toString().endsWith(".java")).sorted().toList();
        }
        for (String id : Runtimes.ids()) {
            String literal = "\"" + id + "\"";
            List<Path> files = sources.stream().filter(file -> read(file).contains(literal)).toList();
            if (files.size() != 1) {
                spelledIn.put(id, files.stream().map(file -> file.getFileName()).toList());
            }
        }
        assertEquals(Map.of(), spelledIn, "runtime ids spelled in other than one main source file: use the runtime's "
                + "ID constant or Runtimes.descriptor(id) instead");
    }

    private static String read(Path file) {
        try {
            return OTHER_MEANINGS.matcher(Files.readString(file)).replaceAll("");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
