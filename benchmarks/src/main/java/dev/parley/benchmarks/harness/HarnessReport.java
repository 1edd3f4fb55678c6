package dev.parley.benchmarks.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The harness's output: {@code harness.json}, a self-contained {@code harness.html} (tables and
 * inline SVG charts) and a Markdown summary for {@code BENCHMARKS.md}, each naming the machine, the
 * command and the date, and where each target of the benchmarks issue stands.
 */
final class HarnessReport {

  /** One target of the benchmarks issue and where this run puts it. */
  record Target(String name, String measured, String status) {}

  private final HarnessOptions options;
  private final String command;
  private final TrialResult main;
  private final List<TrialResult> runs;
  private final RestLoad.Result rest;
  private final String date =
      OffsetDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"));
  private final String machine;
  private Path htmlFile;

  HarnessReport(
      HarnessOptions options,
      String argLine,
      TrialResult main,
      List<TrialResult> runs,
      RestLoad.Result rest) {
    this.options = options;
    this.command =
        "java -cp benchmarks/target/benchmarks.jar dev.parley.benchmarks.harness.LoadHarness "
            + argLine;
    this.main = main;
    this.runs = List.copyOf(runs);
    this.rest = rest;
    this.machine =
        Runtime.getRuntime().availableProcessors()
            + " cores (nproc), load average "
            + loadAverage()
            + " at the end, "
            + System.getProperty("java.vm.name")
            + " "
            + System.getProperty("java.version")
            + ", "
            + System.getProperty("os.name")
            + " "
            + System.getProperty("os.arch");
  }

  Path htmlFile() {
    return htmlFile;
  }

  TrialResult main() {
    return main;
  }

  List<TrialResult> runs() {
    return runs;
  }

  /** Writes {@code harness.json} and {@code harness.html} into {@code dir}. */
  void write(Path dir) throws IOException {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("date", date);
    json.put("machine", machine);
    json.put("command", command);
    json.put("seed", options.seed());
    json.put("result", main.toMap());
    List<Map<String, Object>> all = new ArrayList<>();
    for (TrialResult r : runs) {
      all.add(r.toMap());
    }
    json.put("runs", all);
    if (rest != null) {
      json.put("controlPlane", rest.toMap());
    }
    List<Map<String, String>> targets = new ArrayList<>();
    for (Target t : targets()) {
      targets.add(Map.of("target", t.name(), "measured", t.measured(), "status", t.status()));
    }
    json.put("targets", targets);
    LoadHarness.writeJson(dir.resolve("harness.json"), json);
    htmlFile = dir.resolve("harness.html");
    Files.writeString(htmlFile, html(), StandardCharsets.UTF_8);
  }

  /** Appends the Markdown summary to {@code benchmarksMd}. */
  void appendTo(Path benchmarksMd) throws IOException {
    Files.writeString(
        benchmarksMd,
        summaryMarkdown(),
        StandardCharsets.UTF_8,
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
  }

  List<Target> targets() {
    List<Target> t = new ArrayList<>();
    double cpu = main.cpuPerCallSecondMicros();
    t.add(
        new Target(
            "media node CPU <= 150 us per call-second",
            fmt(cpu) + " us at " + main.calls() + " calls",
            cpu <= 150 ? "met" : "missed"));
    if (options.search()) {
      int best = main.held() ? main.calls() : 0;
      t.add(
          new Target(
              ">= 2,000 concurrent calls held 60 s (harness on the same machine)",
              best + " calls held (" + fmt(main.windowSeconds()) + " s window)",
              best >= 2000 ? "met" : "missed"));
    } else {
      t.add(
          new Target(
              ">= 2,000 concurrent calls held 60 s",
              main.calls() + " calls " + (main.held() ? "held" : "not held") + " (no search)",
              "not searched"));
    }
    t.add(p95Target("barge-in p95 <= 60 ms, clean line", main.m().bargeInClean, 60));
    t.add(p95Target("barge-in p95 <= 100 ms, line with echo", main.m().bargeInEcho, 100));
    double falsePct = main.falseBargeInEchoPercent();
    t.add(
        new Target(
            "false barge-ins on echo <= 1 %",
            main.m().falseBargeInsEcho.sum()
                + " of "
                + main.m().silentTurnsEcho.sum()
                + " echo-only turns ("
                + fmt(falsePct)
                + " %)",
            Double.isNaN(falsePct) ? "no trials" : falsePct <= 1 ? "met" : "missed"));
    t.add(
        p95Target(
            "greeting first frame <= 20 ms after start (calls added at steady load)",
            main.m().greetingSteady,
            20));
    t.add(p95Target("turn overhead (SPEAK to first frame) <= 10 ms", main.m().turnOverhead, 10));
    if (rest != null) {
      t.add(
          new Target(
              "REST create p99 <= 15 ms at " + rest.rate() + " req/s",
              fmt(rest.p99Ms()) + " ms p99 (" + rest.ok() + " of " + rest.sent() + " succeeded)",
              rest.p99Ms() <= 15 && rest.errors() == 0 ? "met" : "missed"));
    } else {
      t.add(new Target("REST create p99 <= 15 ms at 500 req/s", "not run", "not run"));
    }
    return t;
  }

  private Target p95Target(String name, Samples s, double limitMs) {
    double[] sorted = s.sortedMillis();
    double p95 = Samples.percentile(sorted, 95);
    return new Target(
        name,
        sorted.length == 0
            ? "no samples"
            : "p50 "
                + fmt(Samples.percentile(sorted, 50))
                + " / p95 "
                + fmt(p95)
                + " / p99 "
                + fmt(Samples.percentile(sorted, 99))
                + " ms (n="
                + sorted.length
                + ")",
        sorted.length == 0 ? "no samples" : p95 <= limitMs ? "met" : "missed");
  }

  String summaryMarkdown() {
    StringBuilder md = new StringBuilder();
    md.append("\n### Load harness run, ")
        .append(date)
        .append(" UTC\n\n")
        .append("Machine: ")
        .append(machine)
        .append(". Command: `")
        .append(command)
        .append("`\n\n");
    md.append("| target | measured | status |\n|---|---|---|\n");
    for (Target t : targets()) {
      md.append("| ")
          .append(t.name())
          .append(" | ")
          .append(t.measured())
          .append(" | ")
          .append(t.status())
          .append(" |\n");
    }
    md.append(
            "\n| calls | held | frames delivered | CPU us/call-s | CPU us/wall call-s (kernel %) | harness CPU us/wall call-s |")
        .append(" heap KiB/call | RSS KiB/call |")
        .append(" inbound probe p99 / max ms | server gaps | emulator late ticks |\n")
        .append("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (TrialResult r : runs) {
      double[] inbound = r.m().inboundWait.sortedMillis();
      md.append("| ")
          .append(r.calls())
          .append(" | ")
          .append(r.held() ? "yes" : "no")
          .append(" | ")
          .append(fmt(100 * r.deliveredShare()))
          .append(" % | ")
          .append(fmt(r.cpuPerCallSecondMicros()))
          .append(" | ")
          .append(fmt(r.cpuPerWallCallSecondMicros()))
          .append(" (")
          .append(
              fmt(r.nodeCpuMicros() == 0 ? 0 : 100.0 * r.nodeKernelCpuMicros() / r.nodeCpuMicros()))
          .append(" %) | ")
          .append(fmt(r.harnessCpuPerWallCallSecondMicros()))
          .append(" | ")
          .append(fmt(r.heapPerCallBytes() / 1024))
          .append(" | ")
          .append(fmt(r.rssPerCallBytes() / 1024))
          .append(" | ")
          .append(fmt(Samples.percentile(inbound, 99)))
          .append(" / ")
          .append(fmt(inbound.length == 0 ? Double.NaN : inbound[inbound.length - 1]))
          .append(" | ")
          .append(r.m().serverPlayoutGaps.sum())
          .append(" | ")
          .append(r.lateTicks())
          .append(" |\n");
    }
    md.append("\n| latency at ")
        .append(main.calls())
        .append(
            " calls | n | p50 ms | p95 ms | p99 ms | max ms |\n|---|---:|---:|---:|---:|---:|\n");
    for (Samples s : main.m().latencies()) {
      double[] sorted = s.sortedMillis();
      md.append("| ")
          .append(s.name())
          .append(" | ")
          .append(sorted.length)
          .append(" | ")
          .append(fmt(Samples.percentile(sorted, 50)))
          .append(" | ")
          .append(fmt(Samples.percentile(sorted, 95)))
          .append(" | ")
          .append(fmt(Samples.percentile(sorted, 99)))
          .append(" | ")
          .append(fmt(sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1]))
          .append(" |\n");
    }
    if (rest != null) {
      md.append("\nControl plane: ").append(rest.describe()).append('\n');
    }
    return md.toString();
  }

  private String html() {
    StringBuilder h = new StringBuilder();
    h.append(
            "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Parley load harness</title>")
        .append("<style>body{font-family:sans-serif;max-width:1000px;margin:2em auto}")
        .append("table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:3px 8px}")
        .append(".met{color:#060}.missed{color:#b00}svg{margin:8px 0;display:block}</style>")
        .append("</head><body><h1>Parley load harness</h1><p>")
        .append(esc(date))
        .append(" UTC &middot; ")
        .append(esc(machine))
        .append("</p><p><code>")
        .append(esc(command))
        .append("</code></p><p>SIMULATION: emulated Twilio calls (seed ")
        .append(options.seed())
        .append("), a control-plane stand-in answering at once, and an instant synthesiser;")
        .append(" the media node runs in its own JVM and is measured through /proc.</p>");
    h.append("<h2>Targets</h2><table><tr><th>target</th><th>measured</th><th>status</th></tr>");
    for (Target t : targets()) {
      h.append("<tr><td>")
          .append(esc(t.name()))
          .append("</td><td>")
          .append(esc(t.measured()))
          .append("</td><td class=\"")
          .append(t.status().equals("met") ? "met" : "missed")
          .append("\">")
          .append(esc(t.status()))
          .append("</td></tr>");
    }
    h.append("</table>");
    h.append("<h2>Media node CPU</h2>");
    h.append(
        SvgCharts.line(
            "CPU per call-second over the window, " + main.calls() + " calls",
            "us",
            main.cpuSeries()));
    if (runs.size() > 1) {
      List<String> labels = new ArrayList<>();
      List<Double> cpu = new ArrayList<>();
      List<Boolean> failed = new ArrayList<>();
      for (TrialResult r : runs) {
        labels.add(Integer.toString(r.calls()));
        cpu.add(r.cpuPerCallSecondMicros());
        failed.add(!r.held());
      }
      h.append(
          SvgCharts.bars(
              "CPU per call-second by number of calls (red: not held)", "us", labels, cpu, failed));
    }
    h.append("<h2>Latencies at ").append(main.calls()).append(" calls</h2>");
    for (Samples s : main.m().latencies()) {
      h.append(SvgCharts.histogram(s.name() + " (n=" + s.count() + ")", s.sortedMillis()));
    }
    h.append("<h2>Summary</h2><pre>")
        .append(esc(summaryMarkdown()))
        .append("</pre></body></html>\n");
    return h.toString();
  }

  private static String esc(String s) {
    return SvgCharts.escape(s);
  }

  private static String fmt(double v) {
    return SvgCharts.fmt(v);
  }

  private static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return String.format(Locale.ROOT, "%s %s %s", f[0], f[1], f[2]);
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }
}
