package dev.parley.benchmarks.harness;

import dev.parley.emulator.EmulatorConfig;
import dev.parley.emulator.TwilioEmulator;
import dev.parley.emulator.callee.CalleeBehaviour;
import dev.parley.media.twilio.StreamToken;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * One load run at a fixed number of calls: a media node in a child JVM, the control-plane stand-in
 * and the Twilio emulator in this one; calls are dialled through the emulator's REST API with
 * inline TwiML that connects a Media Stream to the node, held for the window, then hung up.
 */
final class Trial {

  /**
   * Time after the last stream starts before the window opens, for greetings and the JIT: a quarter
   * of the window, between 3 and 10 s.
   */
  private long settleMillis() {
    return Math.max(3000, Math.min(10_000, options.seconds() * 250L));
  }

  private final HarnessOptions options;
  private final Path reportDir;

  Trial(HarnessOptions options, Path reportDir) {
    this.options = options;
    this.reportDir = reportDir;
  }

  TrialResult run(int calls) throws Exception {
    Measurements m = new Measurements();
    CalleeLines lines = new CalleeLines();
    byte[] secretBytes = new byte[24];
    new java.security.SecureRandom().nextBytes(secretBytes);
    String secret = HexFormat.of().formatHex(secretBytes);
    EmulatorConfig emulatorConfig =
        EmulatorConfig.defaults().withHeardRecordingLimit(Duration.ZERO);
    try (ControlPlaneStandIn control = new ControlPlaneStandIn(m);
        TwilioEmulator twilio = TwilioEmulator.start(emulatorConfig);
        MediaNodeProcess node =
            MediaNodeProcess.start(
                nodeEnv(control.port(), secret, emulatorConfig.authToken(), calls),
                nodeJvmArgs(calls),
                reportDir.resolve("media-node-" + calls + ".log"))) {
      control.awaitNode(60);
      long heapBaseline = node.heapUsedAfterGc();
      long rssBaseline = node.rssBytes();
      long createFailures = dial(0, calls, false, m, lines, twilio, control, node.port(), secret);
      awaitCount(m.streamsStarted::sum, calls, 30 + calls / 100);
      Thread.sleep(settleMillis());

      ProcessStats self = new ProcessStats(ProcessHandle.current().pid());
      long endedBefore = m.sessionEnds.sum();
      m.windowOpen = true;
      long sent0 = twilio.streamCounters().mediaSent();
      long cpu0 = node.cpuMicros();
      long kernel0 = node.kernelCpuMicros();
      long self0 = self.cpuMicros();
      long t0 = System.nanoTime();
      List<Double> series = new ArrayList<>();
      long prevCpu = cpu0;
      long prevSent = sent0;
      for (int s = 1; s <= options.seconds(); s++) {
        long wake = t0 + TimeUnit.SECONDS.toNanos(s);
        TimeUnit.NANOSECONDS.sleep(Math.max(0, wake - System.nanoTime()));
        long cpu = node.cpuMicros();
        long sent = twilio.streamCounters().mediaSent();
        // CPU per second of media the calls sent in this second (50 frames each).
        series.add(sent == prevSent ? 0.0 : (cpu - prevCpu) / ((sent - prevSent) / 50.0));
        prevCpu = cpu;
        prevSent = sent;
      }
      long cpu1 = node.cpuMicros();
      long kernel1 = node.kernelCpuMicros();
      long self1 = self.cpuMicros();
      long t1 = System.nanoTime();
      long sent1 = twilio.streamCounters().mediaSent();
      long rssLoaded = node.rssBytes();
      m.windowOpen = false;
      long dropped = m.sessionEnds.sum() - endedBefore;
      long streamed = m.streamsStarted.sum();
      long heapLoaded = node.heapUsedAfterGc();

      // Greetings of calls that start while the load runs steady (the ramp's greetings compete
      // with connection set-up and the JIT): a few more calls, one every 100 ms.
      int probes = Math.max(3, Math.min(20, calls / 10));
      createFailures += dial(calls, probes, true, m, lines, twilio, control, node.port(), secret);
      awaitCount(m.greetingSteady::count, probes, 10);

      m.hangUpAll = true;
      awaitCount(m.callStats::sum, m.streamsStarted.sum(), 30);
      return new TrialResult(
          calls,
          (t1 - t0) / 1e9,
          cpu1 - cpu0,
          kernel1 - kernel0,
          self1 - self0,
          heapBaseline,
          heapLoaded,
          rssBaseline,
          rssLoaded,
          series,
          sent1 - sent0,
          streamed,
          createFailures,
          dropped,
          twilio.mediaClock().lateTicks(),
          twilio.streamCounters().unwritableSkips(),
          m);
    }
  }

  /**
   * Dials {@code calls} calls numbered from {@code first}, at the ramp rate (10 a second for
   * steady-state probes): the stand-in announces each session, then the emulator's REST API places
   * the call. Returns the number of creates refused.
   */
  private long dial(
      int first,
      int calls,
      boolean steadyStateProbes,
      Measurements m,
      CalleeLines lines,
      TwilioEmulator twilio,
      ControlPlaneStandIn control,
      int mediaPort,
      String secret)
      throws InterruptedException {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    String account = twilio.config().accountSid();
    URI create = URI.create(twilio.baseUri() + "/2010-04-01/Accounts/" + account + "/Calls.json");
    String auth =
        "Basic "
            + Base64.getEncoder()
                .encodeToString(
                    (account + ":" + twilio.config().authToken()).getBytes(StandardCharsets.UTF_8));
    SplittableRandom seeds = new SplittableRandom(options.seed() + first);
    List<CompletableFuture<HttpResponse<String>>> pending = new ArrayList<>();
    long start = System.nanoTime();
    long interval =
        TimeUnit.SECONDS.toNanos(1) / (steadyStateProbes ? 10 : options.rampPerSecond());
    for (int n = 0; n < calls; n++) {
      int i = first + n;
      boolean echo = seeds.nextDouble() < options.echoShare();
      double echoDb = -12 - seeds.nextInt(9);
      int echoMs = 60 + seeds.nextInt(191);
      CallProbe probe =
          new CallProbe(
              i,
              UUID.randomUUID(),
              String.format("+1900%07d", i),
              echo,
              seeds.nextLong(),
              m,
              steadyStateProbes);
      CalleeBehaviour.Builder behaviour =
          CalleeBehaviour.human().speaksFirst(false).ringFor(Duration.ofMillis(100));
      if (echo) {
        behaviour.echo(echoDb, Duration.ofMillis(echoMs));
      }
      twilio
          .callees()
          .register(
              probe.number,
              behaviour.build(),
              (to, b) -> new LoadCallee(probe, lines, options.bargeInShare()));
      String callId = probe.callId.toString();
      String token =
          StreamToken.sign(
              secret.getBytes(StandardCharsets.UTF_8), callId, Instant.now().plusSeconds(3600));
      control.startSession(probe, token);
      String twiml =
          "<Response><Connect><Stream url=\"ws://127.0.0.1:"
              + mediaPort
              + "/streams/"
              + callId
              + "\"><Parameter name=\"token\" value=\""
              + token
              + "\"/></Stream></Connect></Response>";
      String form =
          "To=" + enc(probe.number) + "&From=" + enc("+15005550006") + "&Twiml=" + enc(twiml);
      pending.add(
          http.sendAsync(
              HttpRequest.newBuilder(create)
                  .header("Authorization", auth)
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .POST(HttpRequest.BodyPublishers.ofString(form))
                  .build(),
              HttpResponse.BodyHandlers.ofString()));
      long next = start + (n + 1) * interval;
      TimeUnit.NANOSECONDS.sleep(Math.max(0, next - System.nanoTime()));
    }
    long failures = 0;
    for (CompletableFuture<HttpResponse<String>> f : pending) {
      try {
        if (f.get(30, TimeUnit.SECONDS).statusCode() != 201) {
          failures++;
        }
      } catch (Exception e) {
        failures++;
      }
    }
    return failures;
  }

  private Map<String, String> nodeEnv(int controlPort, String secret, String authToken, int calls) {
    return Map.of(
        "PARLEY_MEDIA_BIND",
        "127.0.0.1",
        "PARLEY_MEDIA_PORT",
        "0",
        "PARLEY_MEDIA_METRICS_PORT",
        "-1",
        "PARLEY_CONTROL_ADDRESS",
        "127.0.0.1:" + controlPort,
        "PARLEY_STREAM_SECRET",
        secret,
        "TWILIO_AUTH_TOKEN",
        authToken,
        "PARLEY_MEDIA_CAPACITY",
        // The calls, at most 20 steady-state probes and a few spare: the node counts each call
        // once, prepared or streaming (CallRegistry.callsHeld; it used to count a streaming call
        // twice, and this announced twice the calls to step around that).
        Integer.toString(calls + 20 + 16),
        "PARLEY_MEDIA_NODE_ID",
        "harness-node");
  }

  private List<String> nodeJvmArgs(int calls) {
    List<String> args = new ArrayList<>(List.of("-Xms256m", "-Xmx1g"));
    if (options.jfr()) {
      args.add(
          "-XX:StartFlightRecording=settings=profile,filename="
              + reportDir.resolve("media-node-" + calls + ".jfr").toAbsolutePath());
    }
    return args;
  }

  private static void awaitCount(LongSupplier count, long target, long seconds)
      throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (count.getAsLong() < target && System.nanoTime() < end) {
      Thread.sleep(50);
    }
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
