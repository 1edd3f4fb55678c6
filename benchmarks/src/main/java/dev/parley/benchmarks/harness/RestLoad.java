package dev.parley.benchmarks.harness;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The control plane's REST API under a fixed request rate: boots the control plane in a child JVM
 * from the launcher's class path ({@code launcher/target/parley.jar} and {@code lib/}, where
 * Micronaut's service files are intact), on embedded PostgreSQL and Redis with a fresh bootstrap
 * API key and the dispatcher off, then creates call tasks open-loop at {@code --rest-rate} per
 * second. Latency runs from each request's scheduled send time, so a stall is not hidden by
 * requests that were never sent (coordinated omission).
 */
final class RestLoad {

  private static final String LAUNCHER_JAR = "launcher/target/parley.jar";

  /** Request body; a task per number may be active, so every request dials its own number. */
  private static final String BODY =
      "{\"instruction\":\"Call Bright Smile Dental and book a teeth cleaning for next week,"
          + " mornings only\",\"phone\":\"+1212%07d\"}";

  /** Numbers from +1 212 200 0000 on: a valid New York exchange, never a real dial here. */
  private static final int FIRST_SUBSCRIBER = 2_000_000;

  /**
   * What the measurement saw.
   *
   * @param rate requests per second asked for
   * @param seconds length of the measurement
   * @param sent requests sent in the measurement
   * @param ok 2xx answers
   * @param errorsByStatus other answers and failures, by status (exception name for failures)
   * @param firstError the first error's status and body, empty when there was none
   * @param latency per-request latency from scheduled send to answer
   * @param controlPlaneCpuSeconds CPU time of the control plane's JVM over the measurement (its
   *     embedded PostgreSQL, a separate process, not included); NaN where the OS does not say
   * @param jitCpuSeconds of that, the JIT compiler's threads (NaN without Linux's /proc)
   * @param gcCpuSeconds of that, the garbage collector's threads (NaN without Linux's /proc)
   * @param warmUpSeconds requests sent at the same rate before the measurement
   */
  record Result(
      int rate,
      int seconds,
      long sent,
      long ok,
      Map<String, Long> errorsByStatus,
      String firstError,
      Samples latency,
      double controlPlaneCpuSeconds,
      double jitCpuSeconds,
      double gcCpuSeconds,
      int warmUpSeconds) {

    long errors() {
      return errorsByStatus.values().stream().mapToLong(Long::longValue).sum();
    }

    double p99Ms() {
      return Samples.percentile(latency.sortedMillis(), 99);
    }

    String describe() {
      double[] s = latency.sortedMillis();
      return String.format(
          Locale.ROOT,
          "POST /api/v1/call-tasks at %d req/s for %d s after a %d s warm-up (%d sent, %d 2xx,"
              + " errors %s%s): p50 %.1f ms, p99 %.1f ms, max %.1f ms; control-plane JVM CPU %.1f s"
              + " (%.2f ms per 2xx; of it JIT %.1f s, GC %.1f s, the rest %.2f ms per 2xx)."
              + " Dispatch throughput is measured by DispatchThroughputBenchmark (see \"Dispatch"
              + " throughput\" above), not here.",
          rate,
          seconds,
          warmUpSeconds,
          sent,
          ok,
          errorsByStatus,
          firstError.isEmpty() ? "" : ", first: " + firstError,
          Samples.percentile(s, 50),
          Samples.percentile(s, 99),
          s.length == 0 ? Double.NaN : s[s.length - 1],
          controlPlaneCpuSeconds,
          cpuMsPerOk(),
          jitCpuSeconds,
          gcCpuSeconds,
          applicationCpuMsPerOk());
    }

    double cpuMsPerOk() {
      return ok == 0 ? Double.NaN : controlPlaneCpuSeconds * 1000 / ok;
    }

    /** CPU per 2xx answer without the JIT's and the collector's threads: the request path's own. */
    double applicationCpuMsPerOk() {
      return ok == 0
          ? Double.NaN
          : (controlPlaneCpuSeconds - jitCpuSeconds - gcCpuSeconds) * 1000 / ok;
    }

    Map<String, Object> toMap() {
      double[] s = latency.sortedMillis();
      Map<String, Object> m = new TreeMap<>();
      m.put("endpoint", "POST /api/v1/call-tasks");
      m.put("rate", rate);
      m.put("seconds", seconds);
      m.put("sent", sent);
      m.put("ok", ok);
      m.put("errorsByStatus", errorsByStatus);
      m.put("firstError", firstError);
      m.put("p50Ms", Samples.percentile(s, 50));
      m.put("p95Ms", Samples.percentile(s, 95));
      m.put("p99Ms", Samples.percentile(s, 99));
      m.put("maxMs", s.length == 0 ? Double.NaN : s[s.length - 1]);
      m.put("controlPlaneCpuSeconds", controlPlaneCpuSeconds);
      m.put("controlPlaneCpuMsPerOk", cpuMsPerOk());
      m.put("controlPlaneJitCpuSeconds", jitCpuSeconds);
      m.put("controlPlaneGcCpuSeconds", gcCpuSeconds);
      m.put("controlPlaneApplicationCpuMsPerOk", applicationCpuMsPerOk());
      m.put("warmUpSeconds", warmUpSeconds);
      return m;
    }
  }

  private RestLoad() {}

  static Result run(HarnessOptions options, Path reportDir) throws Exception {
    Path jar = Path.of(LAUNCHER_JAR);
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          LAUNCHER_JAR + " not found: build it first (./mvnw -B -q package -DskipTests)");
    }
    int httpPort = freePort();
    String apiKey = "pk_" + alnum(12) + "_" + alnum(40);
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.add("-Xmx1g");
    if (options.jfr()) {
      command.add(
          "-XX:StartFlightRecording=settings=profile,filename="
              + reportDir.resolve("control-plane.jfr").toAbsolutePath());
    }
    command.add("-cp");
    command.add(jar + File.pathSeparator + jar.resolveSibling("lib") + File.separator + "*");
    command.add("dev.parley.control.ControlPlaneApplication");
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(reportDir.resolve("control-plane.log").toFile());
    Map<String, String> env = pb.environment();
    // A fresh embedded database: the bootstrap admin (and its key) exists only on an empty one.
    env.remove("DATABASE_URL");
    env.remove("REDIS_URL");
    env.put("PARLEY_HTTP_PORT", Integer.toString(httpPort));
    env.put("PARLEY_MEDIA_LINK_PORT", Integer.toString(freePort()));
    env.put("PARLEY_BOOTSTRAP_API_KEY", apiKey);
    env.put("PARLEY_DISPATCHER_ENABLED", "false");
    for (String kind : List.of("MANUAL", "AUTOMATED")) {
      env.put("PARLEY_RATE_LIMITS_" + kind + "_PER_HOUR", "100000000");
      env.put("PARLEY_RATE_LIMITS_" + kind + "_PER_DAY", "100000000");
    }
    Process process = pb.start();
    try {
      HttpClient http =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .connectTimeout(Duration.ofSeconds(5))
              .build();
      URI base = URI.create("http://127.0.0.1:" + httpPort);
      awaitHealthy(http, base, process);
      URI create = base.resolve("/api/v1/call-tasks");
      int warmUpSeconds = options.restWarmUpSeconds();
      if (warmUpSeconds > 0) {
        fire(http, create, apiKey, options.restRate(), warmUpSeconds, 0, null);
      }
      Samples latency = new Samples("REST create call task");
      Map<String, LongAdder> errors = new ConcurrentHashMap<>();
      LongAdder ok = new LongAdder();
      java.util.concurrent.atomic.AtomicReference<String> firstError =
          new java.util.concurrent.atomic.AtomicReference<>();
      double cpuBefore = cpuSeconds(process);
      ThreadCpu.Snapshot threadsBefore = ThreadCpu.snapshot(process.pid());
      long sent =
          fire(
              http,
              create,
              apiKey,
              options.restRate(),
              options.restSeconds(),
              options.restRate() * warmUpSeconds,
              new Sink(latency, ok, errors, firstError));
      double cpu = cpuSeconds(process) - cpuBefore;
      ThreadCpu.Snapshot threadsAfter = ThreadCpu.snapshot(process.pid());
      boolean split = threadsBefore != null && threadsAfter != null;
      Map<String, Long> errorCounts = new TreeMap<>();
      errors.forEach((k, v) -> errorCounts.put(k, v.sum()));
      return new Result(
          options.restRate(),
          options.restSeconds(),
          sent,
          ok.sum(),
          errorCounts,
          firstError.get() == null ? "" : firstError.get(),
          latency,
          cpu,
          split ? threadsAfter.jitSeconds() - threadsBefore.jitSeconds() : Double.NaN,
          split ? threadsAfter.gcSeconds() - threadsBefore.gcSeconds() : Double.NaN,
          warmUpSeconds);
    } finally {
      process.destroy();
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }

  private record Sink(
      Samples latency,
      LongAdder ok,
      Map<String, LongAdder> errors,
      java.util.concurrent.atomic.AtomicReference<String> firstError) {}

  /** Sends {@code rate} requests a second for {@code seconds}; waits for every answer. */
  private static long fire(
      HttpClient http, URI create, String apiKey, int rate, int seconds, int firstNumber, Sink sink)
      throws InterruptedException {
    long total = (long) rate * seconds;
    long interval = TimeUnit.SECONDS.toNanos(1) / rate;
    long start = System.nanoTime();
    List<CompletableFuture<?>> pending = new ArrayList<>();
    for (long i = 0; i < total; i++) {
      long scheduled = start + i * interval;
      TimeUnit.NANOSECONDS.sleep(Math.max(0, scheduled - System.nanoTime()));
      HttpRequest request =
          HttpRequest.newBuilder(create)
              .timeout(Duration.ofSeconds(30))
              .header("Authorization", "Bearer " + apiKey)
              .header("Content-Type", "application/json")
              .POST(
                  HttpRequest.BodyPublishers.ofString(
                      String.format(BODY, FIRST_SUBSCRIBER + firstNumber + i)))
              .build();
      pending.add(
          http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
              .whenComplete(
                  (response, error) -> {
                    if (sink == null) {
                      return;
                    }
                    long now = System.nanoTime();
                    String status =
                        error != null
                            ? error.getClass().getSimpleName()
                            : Integer.toString(response.statusCode());
                    if (error == null && response.statusCode() / 100 == 2) {
                      sink.ok.increment();
                      sink.latency.add(now - scheduled);
                    } else {
                      sink.errors.computeIfAbsent(status, k -> new LongAdder()).increment();
                      sink.firstError.compareAndSet(
                          null, error != null ? error.toString() : status + " " + response.body());
                    }
                  }));
    }
    for (CompletableFuture<?> f : pending) {
      try {
        f.get(60, TimeUnit.SECONDS);
      } catch (Exception e) {
        // Counted by the completion handler; a request still pending after 60 s is abandoned.
      }
    }
    return total;
  }

  private static double cpuSeconds(Process process) {
    return process.info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(Double.NaN);
  }

  private static void awaitHealthy(HttpClient http, URI base, Process process)
      throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
    while (System.nanoTime() < end) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "the control plane exited with " + process.exitValue() + " (see control-plane.log)");
      }
      try {
        HttpResponse<Void> r =
            http.send(
                HttpRequest.newBuilder(base.resolve("/health")).GET().build(),
                HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException("the control plane was not healthy within 4 minutes");
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static String alnum(int n) {
    String chars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    SecureRandom r = new SecureRandom();
    StringBuilder s = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      s.append(chars.charAt(r.nextInt(chars.length())));
    }
    return s.toString();
  }
}
