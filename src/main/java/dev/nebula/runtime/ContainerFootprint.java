package dev.nebula.runtime;

import java.util.List;
import java.util.Optional;

/**
 * What the live instances of a container deployment hold outside the JVM, told by the deployment itself: each one's
 * cgroup and, where one supervises it, its containerd shim. Density reads their memory from this without knowing the
 * rung. Implemented by the rungs that run containers without dockerd (containerd, runc, crun); a deployment that does
 * not implement it is read through Docker.
 */
public interface ContainerFootprint {

    /** One entry per instance this deployment started and has not seen closed. */
    List<LiveContainer> liveContainers();

    /**
     * One live container.
     *
     * @param cgroupsPath its OCI {@code linux.cgroupsPath}, e.g. {@code /nebula-runc/<name>}, the same in every hierarchy
     * @param shimTask the id of the containerd task whose shim supervises it; empty where no shim runs (runc, crun)
     */
    record LiveContainer(String cgroupsPath, Optional<String> shimTask) {}
}
