package dev.nebula.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nebula.ChildJvm;
import dev.nebula.Need;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The jar's main class on an old JDK names JDK 25 and JAVA_HOME and exits 2; on JDK 25 it hands over. */
class JdkCheckTest {
    private static final Path JDK_17 = Path.of("/usr/lib/jvm/java-17-openjdk-amd64/bin/java");

    @Test
    @Tag(Need.CHILD_JVM)
    void onJdk17ItNamesJdk25AndJavaHomeAndExitsTwo() throws Exception {
        assumeTrue(Files.isExecutable(JDK_17), "no JDK 17 at " + JDK_17 + " (Debian's default java) to try the check on");
        ChildJvm child = ChildJvm.run(JDK_17, List.of(), JdkCheck.class.getName(), List.of("-l"));
        assertEquals(2, child.exitCode(), child.report());
        assertTrue(child.output().contains("needs JDK 25 or newer; this is Java 17"), child.report());
        assertTrue(child.output().contains("JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64"), child.report());
        assertFalse(child.output().contains("UnsupportedClassVersionError"), child.report());
    }

    @Test
    @Tag(Need.CHILD_JVM)
    void onJdk25ItHandsOverToTheBenchmarks() throws Exception {
        ChildJvm child = ChildJvm.run(ChildJvm.thisJava(), List.of(), JdkCheck.class.getName(), List.of("-l"));
        assertEquals(0, child.exitCode(), child.report());
        assertTrue(child.output().contains("dev.nebula.bench.SteadyState.invoke"), child.report());
    }

    @Test
    void readsBothVersionSchemes() {
        assertEquals(8, JdkCheck.feature("1.8"));
        assertEquals(17, JdkCheck.feature("17"));
        assertEquals(25, JdkCheck.feature("25"));
        assertEquals(0, JdkCheck.feature("x"));
    }
}
