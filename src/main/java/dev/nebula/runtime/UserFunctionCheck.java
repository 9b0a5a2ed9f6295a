package dev.nebula.runtime;

import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.wasi.WasiPreview1;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.Export;
import com.dylibso.chicory.wasm.types.ExternalType;
import com.dylibso.chicory.wasm.types.Import;
import dev.nebula.ContractException;
import dev.nebula.ContractException.Violation;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Checks a user function's files against the contract before any runtime sees them, the same way for every runtime:
 * the module parsed with Chicory's parser (a pure-Java reader, so it needs no runtime to be available), then its
 * imports and exports read; the binary's ELF header read. Each failure is a one-line {@link ContractException}.
 */
public final class UserFunctionCheck {
    /** The only module a user function may import from. */
    public static final String WASI_PREVIEW_1 = "wasi_snapshot_preview1";
    /** The export a WASI command runs. */
    public static final String START = "_start";

    /** The function names of WASI preview 1, as Chicory's WASI lists them. */
    private static final Set<String> WASI_FUNCTIONS = wasiFunctions();

    private static final byte[] ELF_MAGIC = {0x7f, 'E', 'L', 'F'};
    private static final int PT_INTERP = 3;

    private UserFunctionCheck() {}

    /** Fails unless {@code wasm} is a WASI preview 1 command: a valid module exporting {@value #START}, importing WASI only. */
    public static void validateModule(String name, byte[] wasm) {
        WasmModule module;
        try {
            module = Parser.parse(wasm);
        } catch (RuntimeException e) {
            // Not only ChicoryException: truncated input can surface as an index or buffer exception from the reader.
            throw new ContractException(Violation.NOT_WASM, name + " is not a WebAssembly module (" + oneLine(e)
                    + "); a user function is a wasm32-wasi command module", e);
        }
        List<String> foreign = IntStream.range(0, module.importSection().importCount())
                .mapToObj(i -> module.importSection().getImport(i))
                .filter(wanted -> !isWasiFunction(wanted))
                .map(wanted -> wanted.module() + "." + wanted.name())
                .toList();
        if (!foreign.isEmpty()) {
            throw new ContractException(Violation.FOREIGN_IMPORTS, name + " imports " + String.join(", ", foreign)
                    + "; a user function may import only the functions of " + WASI_PREVIEW_1);
        }
        List<Export> exports = IntStream.range(0, module.exportSection().exportCount())
                .mapToObj(i -> module.exportSection().getExport(i)).toList();
        if (exports.stream().noneMatch(export -> export.name().equals(START) && export.exportType() == ExternalType.FUNCTION)) {
            throw new ContractException(Violation.NOT_A_COMMAND, name + " is not a WASI command: it exports no " + START
                    + " function (it exports " + exports.stream().map(Export::name).toList() + "); build it as a program with main,"
                    + " not as a library or reactor");
        }
    }

    /** Fails unless {@code binary} is a static ELF executable for this machine: one that runs FROM scratch, with no loader. */
    public static void validateBinary(String name, byte[] binary) {
        if (binary.length < 64 || !Arrays.equals(binary, 0, 4, ELF_MAGIC, 0, 4)) {
            throw notStatic(name + " is not an ELF executable");
        }
        if (binary[4] != 2 || binary[5] != 1) {
            throw notStatic(name + " is not a 64-bit little-endian ELF file");
        }
        ByteBuffer elf = ByteBuffer.wrap(binary).order(ByteOrder.LITTLE_ENDIAN);
        int machine = Short.toUnsignedInt(elf.getShort(18));
        int expected = hostMachine();
        if (expected != 0 && machine != expected) {
            throw notStatic(name + " is built for ELF machine " + machine + ", not this machine's " + expected
                    + " (" + System.getProperty("os.arch") + ")");
        }
        long tableOffset = elf.getLong(32);
        int entrySize = Short.toUnsignedInt(elf.getShort(54));
        int entries = Short.toUnsignedInt(elf.getShort(56));
        for (int i = 0; i < entries; i++) {
            long entry = tableOffset + (long) i * entrySize;
            if (entry < 0 || entry + 4 > binary.length) {
                throw notStatic(name + " is a truncated ELF file: its program headers end past its " + binary.length + " bytes");
            }
            if (elf.getInt((int) entry) == PT_INTERP) {
                throw notStatic(name + " is dynamically linked (it asks for a program loader)");
            }
        }
    }

    private static ContractException notStatic(String problem) {
        return new ContractException(Violation.NOT_A_STATIC_BINARY, problem
                + "; the native form of a user function is a static Linux executable, e.g. gcc -O2 -static");
    }

    /** e_machine of this JVM's architecture, or 0 when it is not one Nebula knows. */
    private static int hostMachine() {
        return switch (System.getProperty("os.arch").toLowerCase(Locale.ROOT)) {
            case "amd64", "x86_64" -> 62;
            case "aarch64", "arm64" -> 183;
            default -> 0;
        };
    }

    private static boolean isWasiFunction(Import wanted) {
        return wanted.module().equals(WASI_PREVIEW_1) && wanted.importType() == ExternalType.FUNCTION
                && WASI_FUNCTIONS.contains(wanted.name());
    }

    private static Set<String> wasiFunctions() {
        try (WasiPreview1 wasi = WasiPreview1.builder().build()) {
            return Arrays.stream(wasi.toHostFunctions()).map(HostFunction::name).collect(Collectors.toUnmodifiableSet());
        }
    }

    private static String oneLine(Throwable e) {
        return String.valueOf(e.getMessage()).replaceAll("\\s*\\R\\s*", " ").strip();
    }
}
