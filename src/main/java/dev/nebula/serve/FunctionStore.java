package dev.nebula.serve;

import static dev.nebula.serve.JsonResponses.JSON;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nebula.InvalidInputException;
import dev.nebula.runtime.FunctionArtifact;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The uploads on disk, one directory. A function is {@code <name>.json}, its manifest, and the files it names:
 * {@code <name>.<sha256>.wasm} and, optionally, {@code <name>.<sha256>.bin}. Every file is written to a temp file in
 * the same directory, fsynced and moved into place atomically; the manifest is written last, so it is the commit.
 *
 * <p>At open, every file that no sound manifest names (a temp file, a module whose manifest never got written) and
 * every manifest whose files are missing or hash to something else is a crash's leftover: it is moved aside to
 * {@code broken/} and reported, never served.
 */
final class FunctionStore {
    static final String BROKEN = "broken";
    private static final String MANIFEST = ".json";

    private final Path dir;

    /** What {@link #open} found: the sound functions and, one per leftover, what was wrong with it. */
    record Contents(List<StoredFunction> functions, List<String> brokenEntries) {}

    FunctionStore(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    Path dir() {
        return dir;
    }

    /** Creates the directory if needed, moves every leftover of a crash aside and returns what can be served. */
    Contents open() {
        try {
            Files.createDirectories(dir);
            Map<String, StoredFunction> sound = new LinkedHashMap<>();
            Map<Path, String> leftovers = new LinkedHashMap<>();
            for (Path file : files()) {
                String fileName = file.getFileName().toString();
                if (fileName.endsWith(MANIFEST) && !fileName.startsWith(".")) {
                    try {
                        StoredFunction function = readManifest(file);
                        sound.put(function.name().value(), function);
                    } catch (BrokenEntry e) {
                        leftovers.put(file, e.getMessage());
                    }
                }
            }
            Set<Path> named = new HashSet<>();
            for (StoredFunction function : sound.values()) {
                named.add(manifestOf(function.name()));
                named.add(function.module().path());
                if (function.binary() != null) {
                    named.add(function.binary().path());
                }
            }
            for (Path file : files()) {
                if (!named.contains(file) && !leftovers.containsKey(file)) {
                    leftovers.put(file, file.getFileName().toString().endsWith(".tmp")
                            ? "a temp file of an upload that never finished"
                            : "no manifest names it (an upload that never finished)");
                }
            }
            List<String> report = new ArrayList<>();
            leftovers.forEach((file, why) -> {
                moveAside(file);
                report.add(file.getFileName() + ": " + why);
            });
            return new Contents(List.copyOf(sound.values()), report);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the function store " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes an upload: its module (and binary, if any) first, then its manifest, which makes it visible; the files of
     * the version it replaces are removed after. A crash at any point leaves either the old version or the new one.
     */
    StoredFunction save(FunctionName name, byte[] module, byte[] binary, long checkN, String checkAnswer, List<String> runtimes) {
        try {
            Files.createDirectories(dir);
            StoredFunction.StoredFile moduleFile = writeFile(name, module, ".wasm");
            StoredFunction.StoredFile binaryFile = binary == null ? null : writeFile(name, binary, ".bin");
            StoredFunction function = new StoredFunction(name, moduleFile, binaryFile, checkN, checkAnswer, runtimes);
            StoredFunction previous = Files.exists(manifestOf(name)) ? readManifestOrNull(manifestOf(name)) : null;
            writeAtomically(manifestOf(name), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest(function)));
            if (previous != null) {
                deleteUnlessNamed(previous.module().path(), function);
                if (previous.binary() != null) {
                    deleteUnlessNamed(previous.binary().path(), function);
                }
            }
            return function;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + name + " to the function store " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Removes an upload: its manifest first (it is gone from then on), then its files. */
    void remove(StoredFunction function) {
        try {
            Files.deleteIfExists(manifestOf(function.name()));
            fsyncDirectory();
            Files.deleteIfExists(function.module().path());
            if (function.binary() != null) {
                Files.deleteIfExists(function.binary().path());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + function.name() + " from the function store " + dir + ": " + e.getMessage(), e);
        }
    }

    private Path manifestOf(FunctionName name) {
        return dir.resolve(name.value() + MANIFEST);
    }

    private List<Path> files() throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, Files::isRegularFile)) {
            entries.forEach(files::add);
        }
        files.sort(null);
        return files;
    }

    private StoredFunction.StoredFile writeFile(FunctionName name, byte[] bytes, String suffix) throws IOException {
        String sha256 = FunctionArtifact.sha256(bytes);
        Path target = dir.resolve(name.value() + "." + sha256 + suffix);
        writeAtomically(target, bytes);
        return new StoredFunction.StoredFile(target, sha256, bytes.length);
    }

    /** Temp file in the same directory, fsync, atomic rename, fsync of the directory: all of it or nothing survives a crash. */
    private void writeAtomically(Path target, byte[] bytes) throws IOException {
        Path temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            fsyncDirectory();
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private void fsyncDirectory() {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Some file systems cannot fsync a directory; the rename itself is still atomic.
        }
    }

    private void deleteUnlessNamed(Path file, StoredFunction current) throws IOException {
        boolean named = file.equals(current.module().path()) || (current.binary() != null && file.equals(current.binary().path()));
        if (!named) {
            Files.deleteIfExists(file);
        }
    }

    private void moveAside(Path file) {
        try {
            Path broken = Files.createDirectories(dir.resolve(BROKEN));
            Files.move(file, broken.resolve(Instant.now().toEpochMilli() + "-" + file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move the broken entry " + file + " aside to " + dir.resolve(BROKEN)
                    + "; move or delete it by hand: " + e.getMessage(), e);
        }
    }

    private static ObjectNode manifest(StoredFunction function) {
        ObjectNode manifest = JSON.createObjectNode();
        manifest.put("name", function.name().value());
        manifest.set("module", file(function.module()));
        if (function.binary() != null) {
            manifest.set("binary", file(function.binary()));
        }
        manifest.putObject("check").put("n", function.checkN()).put("answer", function.checkAnswer());
        ArrayNode runtimes = manifest.putArray("runtimes");
        function.runtimes().forEach(runtimes::add);
        return manifest;
    }

    private static ObjectNode file(StoredFunction.StoredFile file) {
        return JSON.createObjectNode().put("file", file.path().getFileName().toString()).put("sha256", file.sha256()).put("size", file.size());
    }

    private StoredFunction readManifestOrNull(Path manifest) {
        try {
            return readManifest(manifest);
        } catch (BrokenEntry e) {
            return null;
        }
    }

    /** A manifest and the files it names, each checked against its sha256. */
    private StoredFunction readManifest(Path manifest) throws BrokenEntry {
        JsonNode json;
        try {
            json = JSON.readTree(Files.readAllBytes(manifest));
        } catch (IOException e) {
            throw new BrokenEntry("the manifest is not readable JSON (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
        String fileName = manifest.getFileName().toString();
        FunctionName name;
        try {
            name = new FunctionName(json.path("name").asText());
        } catch (InvalidInputException e) {
            throw new BrokenEntry("the manifest's name is not valid: " + e.getMessage());
        }
        if (!fileName.equals(name.value() + MANIFEST)) {
            throw new BrokenEntry("the manifest names " + name + ", not " + fileName);
        }
        StoredFunction.StoredFile module = storedFile(json.path("module"), "module");
        StoredFunction.StoredFile binary = json.has("binary") ? storedFile(json.path("binary"), "binary") : null;
        JsonNode check = json.path("check");
        if (!check.path("n").canConvertToLong() || !check.path("answer").isTextual()) {
            throw new BrokenEntry("the manifest has no check answer");
        }
        List<String> runtimes = new ArrayList<>();
        json.path("runtimes").forEach(id -> runtimes.add(id.asText()));
        return new StoredFunction(name, module, binary, check.path("n").asLong(), check.path("answer").asText(), runtimes);
    }

    private StoredFunction.StoredFile storedFile(JsonNode entry, String what) throws BrokenEntry {
        String fileName = entry.path("file").asText();
        String sha256 = entry.path("sha256").asText();
        if (fileName.isEmpty() || fileName.contains("/") || fileName.startsWith(".") || sha256.isEmpty()) {
            throw new BrokenEntry("the manifest's " + what + " entry is incomplete");
        }
        Path file = dir.resolve(fileName);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new BrokenEntry("its " + what + " " + fileName + " is missing (a manifest without its " + what + ")");
        }
        String actual = FunctionArtifact.sha256(bytes);
        if (!actual.equals(sha256)) {
            throw new BrokenEntry("its " + what + " " + fileName + " has sha256 " + actual + ", the manifest says " + sha256);
        }
        return new StoredFunction.StoredFile(file, sha256, bytes.length);
    }

    /** What is wrong with one manifest. */
    private static final class BrokenEntry extends Exception {
        BrokenEntry(String message) {
            super(message, null, false, false);
        }
    }
}
