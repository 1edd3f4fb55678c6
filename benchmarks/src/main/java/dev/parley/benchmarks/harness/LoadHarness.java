package dev.parley.benchmarks.harness;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The load harness of the benchmarks issue: drives N concurrent emulated Twilio calls in real time
 * against a media node in a child JVM and reports its CPU, memory and latencies.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.parley.benchmarks.harness.LoadHarness \
 *     --calls 50 --seconds 20 [--seed 42] [--search] [--control-plane] [--report DIR]
 * </pre>
 *
 * <p>Writes {@code harness.json} and {@code harness.html} into the report directory and, unless
 * {@code --no-append}, a summary table to {@code BENCHMARKS.md}. SIMULATION: the callees are the
 * Twilio emulator's; nothing here is a production path.
 */
public final class LoadHarness {

  private LoadHarness() {}

  public static void main(String[] args) throws Exception {
    // Before any logger exists: the harness's own log stays quiet (see logback.xml).
    if (System.getProperty("parley.log.level") == null) {
      System.setProperty("parley.log.level", "WARN");
    }
    HarnessOptions options;
    try {
      options = HarnessOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println(HarnessOptions.USAGE);
      System.exit(2);
      return;
    }
    HarnessReport report = run(options, String.join(" ", args));
    System.out.println(report.summaryMarkdown());
    System.out.println("report: " + report.htmlFile().toAbsolutePath());
  }

  /** Runs what {@code options} ask for and writes the report; returns it. */
  static HarnessReport run(HarnessOptions options, String argLine) throws Exception {
    Path dir = options.report();
    Files.createDirectories(dir);
    Trial trial = new Trial(options, dir);
    List<TrialResult> runs = new ArrayList<>();
    TrialResult main;
    if (options.search()) {
      main = new CapacitySearch(trial, options, runs::add).search();
    } else {
      main = trial.run(options.calls());
      runs.add(main);
    }
    RestLoad.Result rest = options.controlPlane() ? RestLoad.run(options, dir) : null;
    HarnessReport report = new HarnessReport(options, argLine, main, runs, rest);
    report.write(dir);
    if (options.append()) {
      report.appendTo(Path.of("BENCHMARKS.md"));
    }
    return report;
  }

  static void writeJson(Path file, Map<String, Object> content) throws java.io.IOException {
    new ObjectMapper()
        .enable(SerializationFeature.INDENT_OUTPUT)
        .writeValue(file.toFile(), new LinkedHashMap<>(content));
  }
}
