package dev.nebula.serve;

import java.util.List;

/**
 * What one request of an uploaded function ran and how long it took, server-side.
 *
 * @param answer        the line the function printed, as text
 * @param phases        the phases the runtime recorded, in order; they add up to {@code totalNanos}
 * @param queueNanos    the wait for a slot before it ran
 * @param freshInstance a cold request, or a warm one that found no idle instance and started one
 */
record UploadInvocation(String answer, List<Invocation.Phase> phases, long totalNanos, long queueNanos, boolean freshInstance) {}
