package dev.nebula.runtime.cli;

import dev.nebula.TrapException;
import dev.nebula.function.CatalogFunction;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * The host's side of one {@code nebula serve} conversation, over whatever carries its stdin and stdout (a process's
 * pipes, a socket): each invoke writes one request line and reads one response line. Not thread-safe, like an
 * instance. A call that outlives the guard's limit is killed by the guard, and the server is then gone for good.
 */
public final class ServeClient implements AutoCloseable {
    private final String what;
    private final InputStream in;
    private final OutputStream out;
    private final Watchdog.Guard guard;
    private final Supplier<RuntimeException> whyClosed;
    private byte[] buffer = new byte[128];
    private int start;
    private int end;
    private RuntimeException broken;

    /**
     * @param what      names the server in messages, e.g. "nebula serve (process 1234)"
     * @param guard     armed around every call; its kill must end the server, so that a blocked read returns
     * @param whyClosed explains an unexpected end of the server's output (it crashed, its engine stopped...)
     */
    public ServeClient(String what, InputStream in, OutputStream out, Watchdog.Guard guard, Supplier<RuntimeException> whyClosed) {
        this.what = what;
        this.in = in;
        this.out = out;
        this.guard = guard;
        this.whyClosed = whyClosed;
    }

    /** One request, one response: the result's raw bits. Validates n before sending anything. */
    public long invoke(CatalogFunction function, long n) {
        byte[] request = CliProtocol.request(function, n);
        if (broken != null) {
            throw new TrapException(what + " is gone (" + broken.getMessage() + "); start a new instance", broken);
        }
        String line;
        guard.arm();
        try {
            out.write(request);
            out.flush();
            line = readLine();
        } catch (IOException e) {
            line = null;
        } finally {
            guard.disarm();
        }
        if (guard.fired()) {
            throw fail(guard.timeout());
        }
        if (line == null) {
            throw fail(whyClosed.get());
        }
        return CliProtocol.parseResponse(function, n, line);
    }

    private RuntimeException fail(RuntimeException reason) {
        broken = reason;
        return reason;
    }

    /** The next line without its newline, or null at the end of the stream. */
    private String readLine() throws IOException {
        while (true) {
            for (int i = start; i < end; i++) {
                if (buffer[i] == '\n') {
                    String line = new String(buffer, start, i - start, StandardCharsets.UTF_8);
                    start = i + 1;
                    return line;
                }
            }
            if (start > 0) {
                System.arraycopy(buffer, start, buffer, 0, end - start);
                end -= start;
                start = 0;
            }
            if (end == buffer.length) {
                buffer = Arrays.copyOf(buffer, buffer.length * 2);
            }
            int read = in.read(buffer, end, buffer.length - end);
            if (read < 0) {
                return null;
            }
            end += read;
        }
    }

    /** Ends the conversation: the server reads end-of-file and exits by itself. */
    @Override
    public void close() {
        guard.close();
        try (in; out) {
            // Closing both is all there is to do.
        } catch (IOException e) {
            // The server may already be gone; nothing is left to release.
        }
    }
}
