package dev.nebula.runtime.runc;

import dev.nebula.runtime.Abi;
import dev.nebula.runtime.RuntimeDescriptor;
import dev.nebula.runtime.RuntimeDescriptor.Artifact;
import dev.nebula.runtime.RuntimeDescriptor.Footprint;
import dev.nebula.runtime.RuntimeDescriptor.Kind;
import dev.nebula.runtime.oci.OciRuntime;
import java.time.Duration;
import java.util.List;

/**
 * runc alone, the OCI runtime that containerd and Docker drive: the container ladder's bottom rung (see
 * {@link OciRuntime}). Its distance to {@code containerd} is what the daemon, the shim and the image store add; its
 * distance to {@code process} is what namespaces, cgroups and mounts cost.
 */
public final class RuncRuntime extends OciRuntime {
    public static final String ID = "runc";
    public static final RuntimeDescriptor DESCRIPTOR = new RuntimeDescriptor(ID, Kind.CONTAINER, List.of(Abi.CLI),
            Footprint.CONTAINERS, Artifact.of(Artifact.Type.NATIVE_BINARY));

    public RuncRuntime() {
        super(DESCRIPTOR, "runc");
    }

    /** @param timeout how long one invocation may run before its container is deleted */
    public RuncRuntime(Duration timeout) {
        super(DESCRIPTOR, "runc", timeout);
    }
}
