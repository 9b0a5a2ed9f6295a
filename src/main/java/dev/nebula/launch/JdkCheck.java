package dev.nebula.launch;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * The main class of {@code benchmarks.jar}, compiled for Java 8 so that any JVM can load it: on a JDK older than 25
 * it says which JDK to use instead of failing with {@code UnsupportedClassVersionError}, and exits 2; on 25 or newer
 * it hands over to {@code dev.nebula.Nebula}, by name, as that class only loads on 25.
 */
public final class JdkCheck {
    static final int REQUIRED = 25;
    static final String JDK_HOME = "/usr/lib/jvm/temurin-25-jdk-amd64";
    private static final String MAIN = "dev.nebula.Nebula";

    private JdkCheck() {}

    public static void main(String[] args) throws Throwable {
        int feature = feature(System.getProperty("java.specification.version"));
        if (feature < REQUIRED) {
            System.err.println("nebula: benchmarks.jar needs JDK " + REQUIRED + " or newer; this is Java "
                    + System.getProperty("java.version") + " at " + System.getProperty("java.home") + ".");
            System.err.println("nebula: run it with JDK " + REQUIRED + ", e.g. " + JDK_HOME + "/bin/java -jar target/benchmarks.jar,"
                    + " or: export JAVA_HOME=" + JDK_HOME + " PATH=" + JDK_HOME + "/bin:$PATH");
            System.exit(2);
        }
        Method main = Class.forName(MAIN).getMethod("main", String[].class);
        try {
            main.invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** 8 for "1.8", 17 for "17"; 0 when unreadable, which fails the check. */
    static int feature(String specificationVersion) {
        if (specificationVersion == null) {
            return 0;
        }
        String version = specificationVersion.startsWith("1.") ? specificationVersion.substring(2) : specificationVersion;
        int dot = version.indexOf('.');
        try {
            return Integer.parseInt(dot < 0 ? version : version.substring(0, dot));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
