package dev.nebula.runtime;

import dev.nebula.function.Function;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Hand-assembled wasm modules for fault tests: no toolchain needed, and every byte is in view. */
public final class TestModules {
    private TestModules() {}

    /**
     * {@code (func (export "<fn export>") (param i64) (result i64) local.get 0 call 0)}: recursion without end,
     * so calling it exhausts the wasm stack and traps.
     */
    public static Module endlessRecursion(Function function) {
        byte[] name = function.exportName().getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream wasm = new ByteArrayOutputStream();
        wasm.writeBytes(new byte[] {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00}); // magic, version 1
        section(wasm, 1, new byte[] {0x01, 0x60, 0x01, 0x7e, 0x01, 0x7e}); // one type: (i64) -> i64
        section(wasm, 3, new byte[] {0x01, 0x00}); // one function, of type 0
        ByteArrayOutputStream exports = new ByteArrayOutputStream();
        exports.write(0x01);
        exports.write(name.length);
        exports.writeBytes(name);
        exports.writeBytes(new byte[] {0x00, 0x00}); // a function, index 0
        section(wasm, 7, exports.toByteArray());
        byte[] body = {0x00, 0x20, 0x00, 0x10, 0x00, 0x0b}; // no locals; local.get 0; call 0; end
        ByteArrayOutputStream code = new ByteArrayOutputStream();
        code.write(0x01);
        code.write(body.length);
        code.writeBytes(body);
        section(wasm, 10, code.toByteArray());
        return new Module(Abi.HANDLER, "endless-recursion.wasm", wasm.toByteArray());
    }

    /** Bytes that are not wasm at all. */
    public static Module notWasm(Abi abi) {
        return new Module(abi, "not-wasm.wasm", "this is not a wasm module".getBytes(StandardCharsets.UTF_8));
    }

    /** The project's own module cut in half: a valid header, then nothing where sections should be. */
    public static Module truncated(Abi abi) {
        byte[] bytes = Module.bundled(abi).bytes();
        return new Module(abi, "truncated-" + abi.artifactName(), Arrays.copyOf(bytes, bytes.length / 2));
    }

    private static void section(ByteArrayOutputStream wasm, int id, byte[] payload) {
        wasm.write(id);
        wasm.write(payload.length); // every payload here is shorter than 128 bytes: one LEB128 byte
        wasm.writeBytes(payload);
    }
}
