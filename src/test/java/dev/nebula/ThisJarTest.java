package dev.nebula;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ThisJarTest {
    @Test
    void fromAClassDirectoryThereIsNoJarAndTheClassPathIsThisJvms() {
        // Unit tests run from target/classes: a directory is not a jar another JVM could be started on with -jar.
        assertTrue(ThisJar.path().isEmpty(), ThisJar.path().toString());
        assertEquals(System.getProperty("java.class.path"), ThisJar.classPath());
    }
}
