package dev.nebula.report;

import dev.nebula.results.JmhResults;
import dev.nebula.results.Measurement;
import dev.nebula.results.Metric;
import dev.nebula.results.ResultFiles;
import dev.nebula.Need;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The report and the reader on the JSON of a real (tiny) JMH run. Structure only: the numbers are noise. */
@Tag(Need.JMH)
class ReportTest {

    @Test
    void readsEveryCaseWithItsPhasesAndWarmUp() {
        List<Measurement> results = JmhResults.read(TinyRun.copy());
        assertEquals(3 * TinyRun.FUNCTIONS.size(), results.size());
        for (Measurement m : results) {
            assertEquals("java", m.runtime());
            assertTrue(m.primary().isFinite() && m.primary().score() > 0, m.toString());
            assertEquals(2, m.primary().samples().size());
            if (m.benchmarkClass().equals(Report.PROCESS_HOST)) {
                assertTrue(MetricMaths.phases(m).isEmpty(), "a whole process is timed from outside, without phases: " + m.benchmark());
            } else if (m.mode().equals("ss")) {
                assertEquals(List.of("start", "invoke", "close"), List.copyOf(MetricMaths.phases(m).keySet()), m.benchmark());
            } else {
                assertTrue(m.secondary().containsKey("warmup.settle"), m.secondary().keySet().toString());
            }
        }
    }

    @Test
    void theShotsPhasesFitInsideTheShot() {
        // Per sample, not per mean: each shot's phases were recorded inside that shot's timed region.
        for (Measurement m : JmhResults.read(TinyRun.copy())) {
            if (!m.mode().equals("ss")) {
                continue;
            }
            for (int i = 0; i < m.primary().samples().size(); i++) {
                double phases = 0;
                for (Map.Entry<String, Metric> metric : m.secondary().entrySet()) {
                    if (metric.getKey().startsWith("phase.")) {
                        phases += metric.getValue().samples().get(i);
                    }
                }
                assertTrue(phases <= m.primary().samples().get(i) * (1 + 1e-9), m.benchmark() + " sample " + i);
            }
        }
    }

    @Test
    void sampleModeCarriesPercentilesAndOneCentrePerFork() {
        for (Measurement m : JmhResults.read(TinyRun.copy())) {
            if (!m.mode().equals("sample")) {
                continue;
            }
            Metric metric = m.primary();
            assertTrue(metric.count() > metric.samples().size(), "every timed request counts: " + metric.count());
            assertTrue(metric.percentile(50.0) <= metric.percentile(90.0) && metric.percentile(90.0) <= metric.percentile(99.0),
                    metric.percentiles().toString());
            assertEquals(m.forks(), metric.forkCentres().size());
            assertTrue(MetricMaths.distribution(m).contains(" / "), MetricMaths.distribution(m));
        }
    }

    @Test
    void writesTablesCsvAndChartsBesideTheResults() throws IOException {
        Path json = TinyRun.copy();
        List<Path> written = Report.write(json);
        for (Path file : written) {
            assertEquals(json.getParent(), file.getParent());
            assertTrue(file.getFileName().toString().startsWith(ResultFiles.stamp(json)), file.toString());
        }

        String markdown = Files.readString(ResultFiles.beside(json, ".md"));
        for (String section : List.of("## Cold start, warm host", "## Scale from zero: a whole process", "## Steady state",
                "## Where a cold start goes", "| java |", "(1.00×)", "| machine |", "quick run")) {
            assertTrue(markdown.contains(section), "missing " + section + " in\n" + markdown);
        }

        List<String> csv = Files.readAllLines(ResultFiles.beside(json, ".csv"));
        assertEquals("benchmark,mode,runtime,abi,jdk,fn,n,metric,score,error,unit,samples,p50,p90,p99,p90From,p99From,forkSpread,unsettled", csv.getFirst());
        long metrics = JmhResults.read(json).stream().mapToLong(m -> 1 + m.secondary().size()).sum();
        assertEquals(metrics, csv.size() - 1);

        List<String> charts = List.of("-cold-start.png", "-scale-from-zero.png", "-steady-state.png", "-cold-start-phases.png");
        for (String chart : charts) {
            Path png = ResultFiles.beside(json, chart);
            assertTrue(written.contains(png), chart);
            BufferedImage image = ImageIO.read(png.toFile());
            assertNotNull(image, chart + " is not a PNG");
            assertTrue(image.getWidth() > 500 && image.getHeight() > 300, chart);
        }
    }

    @Test
    void aResultWithoutSidecarStillReports() throws IOException {
        Path json = TinyRun.copy();
        Files.delete(ResultFiles.sidecar(json));
        Report.write(json);
        assertFalse(Files.readString(ResultFiles.beside(json, ".md")).contains("| machine |"));
    }
}
