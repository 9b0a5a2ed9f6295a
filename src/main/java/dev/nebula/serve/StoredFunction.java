package dev.nebula.serve;

import java.nio.file.Path;
import java.util.List;

/**
 * One upload as the store keeps it: its module (and optional native binary) with their sha256, the answer recorded by
 * the check at upload, and the runtimes it was asked for.
 *
 * @param binary   the native binary, or null when none was uploaded
 * @param runtimes the runtimes the upload asked for, redeployed at start
 */
record StoredFunction(FunctionName name, StoredFile module, StoredFile binary, long checkN, String checkAnswer,
                      List<String> runtimes) {

    StoredFunction {
        runtimes = List.copyOf(runtimes);
    }

    /** A file of the store with what it must hash to. */
    record StoredFile(Path path, String sha256, long size) {}

    StoredFunction withBinary(StoredFile newBinary) {
        return new StoredFunction(name, module, newBinary, checkN, checkAnswer, runtimes);
    }
}
