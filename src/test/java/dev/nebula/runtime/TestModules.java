package dev.nebula.runtime;

import dev.nebula.function.CatalogFunction;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/** Hand-assembled wasm modules for fault tests: no toolchain needed, and every byte is in view. */
public final class TestModules {
    private TestModules() {}

    /**
     * {@code (func (export "<fn export>") (param i64) (result i64) local.get 0 call 0)}: recursion without end,
     * so calling it exhausts the wasm stack and traps.
     */
    public static FunctionArtifact endlessRecursion(CatalogFunction function) {
        return oneExport("endless-recursion.wasm", function, new byte[] {0x20, 0x00, 0x10, 0x00}); // local.get 0; call 0
    }

    /**
     * {@code (func (export "<fn export>") (param i64) (result i64) (loop br 0) local.get 0)}: a loop without end that
     * never touches the stack, so only a time limit stops it.
     */
    public static FunctionArtifact endlessLoop(CatalogFunction function) {
        return oneExport("endless-loop.wasm", function, new byte[] {0x03, 0x40, 0x0c, 0x00, 0x0b, 0x20, 0x00}); // loop; br 0; end; local.get 0
    }

    /** {@code (func (export "<fn export>") (param i64) (result i64) unreachable)}: traps at once. */
    public static FunctionArtifact unreachable(CatalogFunction function) {
        return oneExport("unreachable.wasm", function, new byte[] {0x00});
    }

    /**
     * A WASI command that writes "bad input\n" to stderr and exits with code 2 (wat2wasm of):
     * <pre>
     * (module
     *   (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
     *   (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
     *   (memory (export "memory") 1)
     *   (data (i32.const 16) "bad input\n")
     *   (func (export "_start")
     *     (i32.store (i32.const 0) (i32.const 16))
     *     (i32.store (i32.const 4) (i32.const 10))
     *     (drop (call $fd_write (i32.const 2) (i32.const 0) (i32.const 1) (i32.const 8)))
     *     (call $proc_exit (i32.const 2))))
     * </pre>
     */
    public static FunctionArtifact exitsWithCode2() {
        return new FunctionArtifact(Abi.WASI, "exits-with-code-2.wasm", HexFormat.of().parseHex(
                "0061736d0100000001100360047f7f7f7f017f60017f0060000002460216776173695f736e617073686f745f70726576696577310866"
                + "645f7772697465000016776173695f736e617073686f745f70726576696577310970726f635f657869740001030201020503010001"
                + "071302066d656d6f72790200065f737461727400020a21011f00410041103602004104410a360200410241004101410810001a4102"
                + "10010b0b10010041100b0a62616420696e7075740a"));
    }

    /** A handler module exporting one {@code (i64) -> i64} function under the export name of {@code function}. */
    private static FunctionArtifact oneExport(String fileName, CatalogFunction function, byte[] instructions) {
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
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(0x00); // no locals
        body.writeBytes(instructions);
        body.write(0x0b); // end
        ByteArrayOutputStream code = new ByteArrayOutputStream();
        code.write(0x01);
        code.write(body.size());
        code.writeBytes(body.toByteArray());
        section(wasm, 10, code.toByteArray());
        return new FunctionArtifact(Abi.HANDLER, fileName, wasm.toByteArray());
    }

    /** Bytes that are not wasm at all. */
    public static FunctionArtifact notWasm(Abi abi) {
        return new FunctionArtifact(abi, "not-wasm.wasm", "this is not a wasm module".getBytes(StandardCharsets.UTF_8));
    }

    /** The project's own module cut in half: a valid header, then nothing where sections should be. */
    public static FunctionArtifact truncated(Abi abi) {
        byte[] bytes = FunctionArtifact.bundled(abi).bytes();
        return new FunctionArtifact(abi, "truncated-" + abi.artifactName(), Arrays.copyOf(bytes, bytes.length / 2));
    }

    private static void section(ByteArrayOutputStream wasm, int id, byte[] payload) {
        wasm.write(id);
        wasm.write(payload.length); // every payload here is shorter than 128 bytes: one LEB128 byte
        wasm.writeBytes(payload);
    }
}
