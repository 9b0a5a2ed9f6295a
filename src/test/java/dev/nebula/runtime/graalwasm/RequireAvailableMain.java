package dev.nebula.runtime.graalwasm;

import dev.nebula.RuntimeUnavailableException;

/** Run in a child JVM by {@link OptimizingRuntimeGuardTest}: prints what the guard says, exits {@value #UNAVAILABLE} if it refuses. */
public final class RequireAvailableMain {
    static final int UNAVAILABLE = 3;
    static final String AVAILABLE = "graalwasm available: ";

    private RequireAvailableMain() {}

    public static void main(String[] args) {
        try {
            new GraalWasmRuntime().requireAvailable();
            System.out.println(AVAILABLE + OptimizingRuntimeGuard.implementationName());
        } catch (RuntimeUnavailableException e) {
            System.out.println(e.getMessage());
            System.exit(UNAVAILABLE);
        }
    }
}
