package dev.nebula.serve;

import dev.nebula.InvalidInputException;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Who may reach the server: the address it listens on, the host names a request may be addressed to (besides the
 * loopback ones), and the bearer token every request must carry when one is set. Listening beyond loopback without a
 * token is refused: anyone on the network could start containers.
 *
 * @param bind      the listening address; the loopback one unless {@code --bind} says otherwise
 * @param hostNames the extra names a {@code Host} header may carry ({@code --host-name}), lower case
 * @param token     the bearer token ({@code --token-file}), or null for none
 */
public record Access(InetAddress bind, List<String> hostNames, String token) {
    /** The shortest token accepted: a guessable one would make the check decoration. */
    static final int MIN_TOKEN = 16;

    public Access {
        hostNames = hostNames.stream().map(name -> name.strip().toLowerCase(Locale.ROOT)).filter(name -> !name.isEmpty()).toList();
        if (!bind.isLoopbackAddress() && token == null) {
            throw new InvalidInputException("--bind " + bind.getHostAddress() + " listens beyond this machine, where anyone"
                    + " could start containers: give --token-file FILE too (requests then need 'Authorization: Bearer <its content>')");
        }
    }

    public static Access loopback() {
        return new Access(InetAddress.getLoopbackAddress(), List.of(), null);
    }

    /** The address of {@code --bind}: an IP literal or a name of this machine. */
    static InetAddress address(String value) {
        try {
            return InetAddress.getByName(value.strip());
        } catch (UnknownHostException e) {
            throw new InvalidInputException("--bind takes an address of this machine (127.0.0.1, ::1, 0.0.0.0 or one of"
                    + " its IPs); cannot resolve '" + Echo.of(value) + "'");
        }
    }

    /** The token in {@code --token-file}: its content, stripped; at least 16 visible ASCII characters. */
    static String readToken(Path file) {
        String token;
        try {
            token = Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new InvalidInputException("cannot read --token-file " + file + ": " + e.getMessage());
        }
        if (token.length() < MIN_TOKEN || !token.matches("[\\x21-\\x7e]+")) {
            throw new InvalidInputException("--token-file " + file + " must hold one token of at least " + MIN_TOKEN
                    + " visible ASCII characters (for example: head -c 32 /dev/urandom | base64 > " + file + ")");
        }
        return token;
    }

    /** The host part of a URL that reaches the listener from this machine. */
    String urlHost() {
        if (bind.isAnyLocalAddress() || bind.isLoopbackAddress()) {
            return "127.0.0.1";
        }
        return bind instanceof Inet6Address ? "[" + bind.getHostAddress() + "]" : bind.getHostAddress();
    }

    /** Never the token itself: options are printed and logged. */
    @Override
    public String toString() {
        return "Access[bind=" + bind.getHostAddress() + ", hostNames=" + hostNames + ", token=" + (token == null ? "none" : "set") + "]";
    }
}
