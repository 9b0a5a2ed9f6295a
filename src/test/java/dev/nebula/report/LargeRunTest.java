package dev.nebula.report;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nebula.results.JmhResults;
import dev.nebula.results.ResultFiles;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Issue 21's report that scales: a sweep of 4,170 cases made from the committed run is reported (page, Markdown, CSV,
 * charts) in well under a minute, and its Markdown grows by a bounded few bytes per case (summaries for the size labels,
 * every other n in one table), not by a table or chart per n. Before the fix this run took more than five minutes.
 */
class LargeRunTest {
    /**
     * Generous: the target is 15 s on 2 idle cores. Measured as the reporting thread's CPU time, since tests
     * share a machine whose load (often 7 per core) would stretch wall time without the report being any slower.
     */
    static final Duration LIMIT = Duration.ofSeconds(30);
    /** A row of the detail table is about 50 bytes; a grid or chart per n would be kilobytes per case. */
    static final long MARKDOWN_BYTES_PER_CASE = 200;

    @Test
    void aFourThousandCaseRunIsReportedInTimeWithBoundedMarkdown() throws IOException {
        Path json = LargeRun.write(Files.createTempDirectory("nebula-large-run"));
        int cases = JmhResults.read(json).size();
        assertTrue(cases >= 4000, cases + " cases");
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long start = System.nanoTime();
        long cpuStart = threads.getCurrentThreadCpuTime();
        Report.write(json);
        Duration took = Duration.ofNanos(threads.getCurrentThreadCpuTime() - cpuStart);
        Duration wall = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(took.compareTo(LIMIT) < 0, "Report took " + took + " of CPU (" + wall + " wall) for " + cases + " cases; the limit is " + LIMIT);
        long markdown = Files.size(ResultFiles.beside(json, ".md"));
        assertTrue(markdown < MARKDOWN_BYTES_PER_CASE * cases, markdown + " bytes of Markdown for " + cases + " cases");
        System.out.println("LargeRunTest: " + cases + " cases reported in " + took.toMillis() + " ms of CPU, " + wall.toMillis() + " ms wall; Markdown " + markdown + " bytes");
    }
}
