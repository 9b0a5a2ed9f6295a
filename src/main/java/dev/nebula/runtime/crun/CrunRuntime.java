package dev.nebula.runtime.crun;

import dev.nebula.RuntimeUnavailableException;
import dev.nebula.runtime.Abi;
import dev.nebula.runtime.RuntimeDescriptor;
import dev.nebula.runtime.RuntimeDescriptor.Artifact;
import dev.nebula.runtime.RuntimeDescriptor.Footprint;
import dev.nebula.runtime.RuntimeDescriptor.Kind;
import dev.nebula.runtime.oci.CgroupTree;
import dev.nebula.runtime.oci.OciRuntime;
import java.time.Duration;
import java.util.List;

/**
 * crun, the OCI runtime written in C, on the same bundle as {@code runc} (see {@link OciRuntime}): the same rung with
 * a runtime that does not start a Go binary twice. crun 1.x refuses hybrid cgroups (v1 controllers plus a v2 mount
 * that holds controllers) before it does anything, so this is detected from the cgroup mounts, with two file reads,
 * and reported as unavailable with crun's own words.
 */
public final class CrunRuntime extends OciRuntime {
    public static final String ID = "crun";
    public static final RuntimeDescriptor DESCRIPTOR = new RuntimeDescriptor(ID, Kind.CONTAINER, List.of(Abi.CLI),
            Footprint.CONTAINERS, Artifact.of(Artifact.Type.NATIVE_BINARY));

    public CrunRuntime() {
        super(DESCRIPTOR, "crun");
    }

    /** @param timeout how long one invocation may run before its container is deleted */
    public CrunRuntime(Duration timeout) {
        super(DESCRIPTOR, "crun", timeout);
    }

    @Override
    public void requireAvailable() {
        super.requireAvailable();
        String problem = refusalHere();
        if (problem != null) {
            throw new RuntimeUnavailableException(problem);
        }
    }

    /** Null where crun runs on this machine's cgroups, else the one line that says why it refuses them. */
    public static String refusalHere() {
        return cgroupProblem(CgroupTree.mode(), CgroupTree.hybridV2Controllers());
    }

    /** Null where crun runs, else the one line that says why it does not: crun's own refusal, and what would fix it. */
    static String cgroupProblem(CgroupTree.Mode mode, String hybridV2Controllers) {
        if (mode != CgroupTree.Mode.HYBRID || hybridV2Controllers.isEmpty()) {
            return null;
        }
        return "crun: cgroups in hybrid mode not supported (cgroup v1 with a v2 mount at /sys/fs/cgroup/unified holding"
                + " [" + hybridV2Controllers + "]; crun runs where cgroup v2 is unified: boot with"
                + " systemd.unified_cgroup_hierarchy=1, or use runc)";
    }
}
