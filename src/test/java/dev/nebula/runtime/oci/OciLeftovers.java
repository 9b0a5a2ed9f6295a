package dev.nebula.runtime.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

/** The check after an OCI rung: nothing of this JVM's left in the tool's state or the cgroup tree. */
public final class OciLeftovers {
    private OciLeftovers() {}

    /** No container in the tool's state directory and no cgroup leaf named for this JVM. */
    public static void assertNoneOfThisJvm(OciRuntime runtime) {
        assertEquals(List.of(), runtime.cli().containers().stream().filter(SessionNames::mine).toList(), "containers left");
        assertEquals(List.of(), CgroupTree.leaves(runtime.cgroupParent()).stream()
                .filter(leaf -> SessionNames.mine(leaf.getFileName().toString())).toList(), "cgroups left");
    }
}
