package dev.nebula.serve;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/** A request body read with a limit: reading stops at the first byte past it, so an oversized upload is never held whole. */
final class BoundedBody {
    /** The body was longer than the limit: 413. */
    static final class TooLarge extends Exception {
        TooLarge(String what, long limit) {
            super(what + " is larger than the limit of " + limit + " bytes (" + mebibytes(limit)
                    + "); start serve with a larger --max-module to accept it", null, false, false);
        }
    }

    private BoundedBody() {}

    /**
     * @param declared the Content-Length, or -1 when the request did not say: a declared length over the limit is
     *                 refused before any byte is read
     */
    static byte[] read(InputStream body, long declared, long limit, String what) throws IOException, TooLarge {
        if (declared > limit) {
            throw new TooLarge(what, limit);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream((int) Math.min(Math.max(declared, 8_192), limit));
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        for (int read; (read = body.read(buffer)) >= 0; ) {
            total += read;
            if (total > limit) {
                throw new TooLarge(what, limit);
            }
            bytes.write(buffer, 0, read);
        }
        return bytes.toByteArray();
    }

    /** A size as people read it. */
    static String mebibytes(long bytes) {
        return bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + " MiB" : String.format("%.1f MiB", bytes / 1048576.0);
    }
}
