package dev.nebula.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nebula.BuildInfo;
import dev.nebula.results.EnvSidecar;
import dev.nebula.results.Measurement;
import dev.nebula.results.Metric;
import dev.nebula.results.ResultFiles;
import dev.nebula.results.RunInfo;
import dev.nebula.results.Sidecar;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sidecar from its writer to the report's tables: what {@link EnvSidecar} writes for a run, {@link RunInfo} and
 * {@link ResourcesTable} read back, field for field; and the committed run's sidecar, written before the schema
 * existed, reads the same, so its report still renders.
 */
class SidecarRoundTripTest {
    private static final Path COMMITTED = Path.of(BuildInfo.PROJECT_DIR, "jmh-results", "20261125T170525Z.json");

    @TempDir
    Path temp;

    @Test
    void whatTheWriterWritesTheReportsTablesRead() throws Exception {
        Path json = temp.resolve("20260101T000000Z.json");
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        Sidecar written = EnvSidecar.collect(new EnvSidecar.Run(start, start.plusSeconds(90), false, List.of("-f", "1"),
                new EnvSidecar.Selection(List.of("java", "wasmtime"), List.of("wasmtime"), Map.of(), List.of("fib")),
                List.of(new Sidecar.Planned("dev.nebula.bench.SteadyState.invoke", Map.of("runtime", List.of("java", "wasmtime")), List.of())),
                EnvSidecar.forkFlags(List.of("-Xms1g"), List.of("-XX:+EnableJVMCI"), List.of("-Dnebula.timeout=5s")), new Sidecar.Git("0123456789abcdef", true)));
        Files.writeString(ResultFiles.sidecar(json), written.toJson());

        RunInfo run = RunInfo.of(json);
        assertEquals(written, run.sidecar().orElseThrow(), "every field reads back as written");
        assertEquals(written.machine().cpuModel() + ", " + written.machine().cores() + " cores", run.machine());
        assertEquals("0123456789 (uncommitted changes)", run.commit());

        Map<String, Long> artifacts = ResourcesTable.artifacts(run.env());
        assertEquals(written.artifacts().perRuntime(), artifacts);
        long wasmtimeBytes = artifacts.get("wasmtime");
        String md = new ResourcesTable(List.of(cold("wasmtime")), artifacts).markdown();
        assertTrue(md.lines().anyMatch(line -> line.startsWith("| `wasmtime` |") && line.contains("| " + Numbers.bytes(wasmtimeBytes))), md);
    }

    @Test
    void theCommittedRunsSidecarReadsAsWrittenBeforeTheSchema() throws Exception {
        Path sidecarFile = ResultFiles.sidecar(COMMITTED);
        Sidecar sidecar = Sidecar.read(sidecarFile);
        JsonNode original = new ObjectMapper().readTree(sidecarFile.toFile());
        assertEquals(original, new ObjectMapper().readTree(sidecar.toJson()), "the schema knows every field the committed sidecar has");

        RunInfo run = RunInfo.of(COMMITTED);
        assertEquals("AMD EPYC, 2 cores", run.machine());
        assertEquals("1abda5208d", run.commit());
        assertEquals(14, sidecar.planned().size());
        Map<String, Long> artifacts = ResourcesTable.artifacts(run.env());
        assertEquals(1_190_872L, artifacts.get("docker"));
        assertEquals(117_859_109L, artifacts.get("docker-debian"));
        assertEquals(55_015L, artifacts.get("chicory-aot"));
    }

    @Test
    void theSupersededRunsSidecarOfTheFirstShapeStillReads() {
        Path superseded = Path.of(BuildInfo.PROJECT_DIR, "jmh-results", "superseded", "20261122T084453Z.json");
        Sidecar sidecar = Sidecar.read(ResultFiles.sidecar(superseded));
        assertEquals(List.of("-XX:+UnlockExperimentalVMOptions", "-XX:+EnableJVMCI", "--upgrade-module-path=/work/main/target/graal-compiler"),
                sidecar.jdk().forkFlags().graalwasmForksAlso(), "its forkFlags were GraalWasm's, as a list");
        assertEquals(Map.of(), sidecar.artifactsPerRuntime(), "it recorded no artifacts");
        assertEquals("abd483519f (uncommitted changes)", RunInfo.of(superseded).commit());
    }

    private static Measurement cold(String runtime) {
        Map<String, Metric> secondary = Map.of("cpu.machine", new Metric(20.0, Double.NaN, "us/op", List.of(20.0)));
        return new Measurement("dev.nebula.bench.ColdStartWarmHost.coldInvoke", "ss",
                Map.of("runtime", runtime, "fn", "fib", "n", "S", "abi", "default"),
                new Metric(100.0, Double.NaN, "us/op", List.of(100.0)), secondary, 1);
    }
}
