package dev.nebula.serve;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** HTTP/1.1 over a plain socket, for what a well-behaved client will not send: a foreign Host, a header dribble. */
final class RawHttp {
    private RawHttp() {}

    /** Sends {@code head} (request line and headers, no blank line) with {@code Connection: close}; the status. */
    static int status(int port, String head) throws IOException {
        return statusLine(answer(port, head + "Connection: close\r\n\r\n"));
    }

    /** Sends {@code request} as is and reads the answer until the server closes the connection. */
    static String answer(int port, String request) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Reads one answer's status line and headers from a connection that stays open. */
    static String head(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.append((char) b);
        }
        return head.toString();
    }

    /** Reads one whole answer (head and its Content-Length body) from a connection that stays open; its head. */
    static String response(InputStream in) throws IOException {
        String head = head(in);
        Matcher length = Pattern.compile("(?i)content-length: *([0-9]+)").matcher(head);
        if (length.find()) {
            in.readNBytes(Integer.parseInt(length.group(1)));
        }
        return head;
    }

    static int statusLine(String answer) {
        if (!answer.startsWith("HTTP/1.1 ")) {
            throw new AssertionError("not an HTTP answer: '" + answer + "'");
        }
        return Integer.parseInt(answer.substring(9, 12));
    }
}
