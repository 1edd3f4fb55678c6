package dev.parley.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs Parley's JMH suite with the GC profiler and records it: JSON next to the jar, and a Markdown
 * table appended to {@code BENCHMARKS.md} with each benchmark's ratio to the baseline measured in
 * the same class and run.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.parley.benchmarks.BenchmarkSuite [--quick|--full] [regex] [--no-append]
 * </pre>
 *
 * <p>{@code --quick} proves the suite runs (CI smoke, figures not meaningful); {@code --full} is
 * the mode whose figures go into {@code BENCHMARKS.md}. A method is a baseline when its name starts
 * with {@code baseline}; every other method is compared with the baseline of its class that shares
 * most words of its name.
 */
public final class BenchmarkSuite {
  private BenchmarkSuite() {}

  public static void main(String[] args) throws RunnerException, IOException {
    boolean quick = false;
    boolean append = true;
    String include = "dev\\.parley\\.benchmarks\\..*";
    for (String arg : args) {
      switch (arg) {
        case "--quick" -> quick = true;
        case "--full" -> quick = false;
        case "--no-append" -> append = false;
        default -> include = arg;
      }
    }
    Path json = Path.of("benchmarks", "target", quick ? "jmh-quick.json" : "jmh-full.json");
    Files.createDirectories(json.getParent());
    ChainedOptionsBuilder options =
        new OptionsBuilder()
            .include(include)
            .addProfiler(GCProfiler.class)
            .forks(1)
            .jvmArgsAppend("-Xms1g", "-Xmx1g")
            .resultFormat(ResultFormatType.JSON)
            .result(json.toString());
    if (quick) {
      options
          .warmupIterations(1)
          .warmupTime(TimeValue.milliseconds(200))
          .measurementIterations(2)
          .measurementTime(TimeValue.milliseconds(200));
    } else {
      options
          .warmupIterations(3)
          .warmupTime(TimeValue.seconds(2))
          .measurementIterations(5)
          .measurementTime(TimeValue.seconds(2));
    }
    Collection<RunResult> results = new Runner(options.build()).run();
    if (results.isEmpty()) {
      throw new IllegalStateException("no benchmark matched " + include);
    }
    String table = markdown(results, quick, String.join(" ", args));
    System.out.println(table);
    System.out.println("JSON: " + json.toAbsolutePath());
    if (append) {
      Path md = Path.of("BENCHMARKS.md");
      Files.writeString(md, table, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      System.out.println("Appended to " + md.toAbsolutePath());
    }
  }

  /** One row per benchmark: time per op, allocation per op, and the ratio to its baseline. */
  static String markdown(Collection<RunResult> results, boolean quick, String argLine) {
    Map<String, List<Row>> byClass = new LinkedHashMap<>();
    for (RunResult r : results) {
      String full = r.getParams().getBenchmark();
      int dot = full.lastIndexOf('.');
      String cls = full.substring(full.lastIndexOf('.', dot - 1) + 1, dot);
      Result<?> primary = r.getPrimaryResult();
      Result<?> alloc = r.getSecondaryResults().get("gc.alloc.rate.norm");
      byClass
          .computeIfAbsent(cls, k -> new ArrayList<>())
          .add(
              new Row(
                  full.substring(dot + 1) + params(r),
                  primary.getScore(),
                  primary.getScoreError(),
                  primary.getScoreUnit(),
                  alloc == null ? Double.NaN : alloc.getScore()));
    }
    StringBuilder out = new StringBuilder();
    out.append("\n### JMH ")
        .append(quick ? "quick (smoke, not figures)" : "full")
        .append(" run, ")
        .append(LocalDate.now())
        .append(", ")
        .append(Runtime.getRuntime().availableProcessors())
        .append(" cores, ")
        .append(System.getProperty("java.vm.name"))
        .append(' ')
        .append(System.getProperty("java.version"))
        .append("\n\n")
        .append(
            "Command: `java -cp benchmarks/target/benchmarks.jar dev.parley.benchmarks.BenchmarkSuite ")
        .append(argLine)
        .append("`\n\n")
        .append("| class | benchmark | time/op | B/op | vs baseline |\n|---|---|---|---|---|\n");
    byClass.forEach(
        (cls, rows) -> {
          for (Row row : rows) {
            Row base = row.isBaseline() ? null : closestBaseline(row, rows);
            out.append("| ")
                .append(cls)
                .append(" | ")
                .append(row.name)
                .append(" | ")
                .append(
                    String.format(Locale.ROOT, "%.1f ± %.1f %s", row.score, row.error, row.unit))
                .append(" | ")
                .append(
                    Double.isNaN(row.bytesPerOp)
                        ? "n/a"
                        : String.format(Locale.ROOT, "%.0f", row.bytesPerOp))
                .append(" | ")
                .append(
                    base == null
                        ? ""
                        : String.format(
                            Locale.ROOT, "%.1f× faster than %s", base.score / row.score, base.name))
                .append(" |\n");
          }
        });
    return out.toString();
  }

  private static String params(RunResult r) {
    StringBuilder s = new StringBuilder();
    for (String key : r.getParams().getParamsKeys()) {
      s.append(s.length() == 0 ? " [" : ", ")
          .append(key)
          .append('=')
          .append(r.getParams().getParam(key));
    }
    return s.length() == 0 ? "" : s.append(']').toString();
  }

  private static Row closestBaseline(Row row, List<Row> rows) {
    Row best = null;
    int bestShared = -1;
    List<String> words = words(row.name);
    for (Row candidate : rows) {
      if (!candidate.isBaseline() || !candidate.unit.equals(row.unit)) {
        continue;
      }
      int shared = 0;
      for (String w : words(candidate.name)) {
        if (words.contains(w)) {
          shared++;
        }
      }
      if (shared > bestShared) {
        best = candidate;
        bestShared = shared;
      }
    }
    return best;
  }

  private static List<String> words(String name) {
    List<String> words = new ArrayList<>();
    for (String w : name.split("(?<=[a-z0-9])(?=[A-Z])|[^A-Za-z0-9]+")) {
      if (!w.isEmpty()) {
        words.add(w.toLowerCase(Locale.ROOT));
      }
    }
    return words;
  }

  private record Row(String name, double score, double error, String unit, double bytesPerOp) {
    boolean isBaseline() {
      return name.startsWith("baseline");
    }
  }
}
