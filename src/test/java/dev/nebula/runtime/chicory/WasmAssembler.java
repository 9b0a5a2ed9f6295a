package dev.nebula.runtime.chicory;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Writes wasm binaries byte by byte, for modules no toolchain here can make: LEB128 sizes, so sections may be large. */
final class WasmAssembler {
    static final int TYPE = 1, IMPORT = 2, FUNCTION = 3, MEMORY = 5, EXPORT = 7, CODE = 10, DATA = 11;
    static final int I32 = 0x7f, I64 = 0x7e;

    private final ByteArrayOutputStream wasm = new ByteArrayOutputStream();

    WasmAssembler() {
        wasm.writeBytes(bytes(0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00)); // "\0asm", version 1
    }

    /** Appends a section whose payload is {@code parts}, concatenated; sections must come in id order. */
    WasmAssembler section(int id, byte[]... parts) {
        byte[] payload = concat(parts);
        wasm.write(id);
        wasm.writeBytes(u32(payload.length));
        wasm.writeBytes(payload);
        return this;
    }

    byte[] toBytes() {
        return wasm.toByteArray();
    }

    static byte[] u32(long value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        do {
            int low = (int) (value & 0x7f);
            value >>>= 7;
            out.write(value == 0 ? low : low | 0x80);
        } while (value != 0);
        return out.toByteArray();
    }

    static byte[] name(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        return concat(u32(utf8.length), utf8);
    }

    /** A vector: its length, then its items. */
    static byte[] vec(byte[]... items) {
        return concat(u32(items.length), concat(items));
    }

    static byte[] functionType(int[] params, int[] results) {
        return concat(bytes(0x60), u32(params.length), bytes(params), u32(results.length), bytes(results));
    }

    /** A code entry: its size, no locals, the instructions, {@code end}. */
    static byte[] body(byte[] instructions) {
        byte[] body = concat(bytes(0x00), instructions, bytes(0x0b));
        return concat(u32(body.length), body);
    }

    static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
