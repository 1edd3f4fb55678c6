package dev.parley.launcher;

import dev.parley.control.ControlPlaneApplication;
import dev.parley.control.medialink.MediaLinkBeans;
import dev.parley.control.medialink.MediaLinkServer;
import dev.parley.emulator.EmulatorConfig;
import dev.parley.emulator.TwilioEmulator;
import dev.parley.media.realtime.RealtimeConfig;
import dev.parley.media.server.MediaServer;
import dev.parley.media.server.MediaServerConfig;
import dev.parley.media.server.SpeechProviders;
import dev.parley.media.speech.SpeechToText;
import dev.parley.simulation.persona.PersonaCatalog;
import dev.parley.simulation.recognizer.ScriptedRecognizer;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The README run command: the control plane (with embedded PostgreSQL and Redis where {@code
 * DATABASE_URL} / {@code REDIS_URL} are unset), a media server and the Twilio emulator (simulation)
 * in one process. {@code --smoke} starts everything, checks health and exits 0 only when all of it
 * answers.
 */
public final class ParleyLauncher {
  private ParleyLauncher() {}

  public static void main(String[] args) throws Exception {
    boolean smoke = false;
    for (String arg : args) {
      if (arg.equals("--smoke")) {
        smoke = true;
      } else if (arg.equals("--help") || arg.equals("-h")) {
        System.out.println("usage: java -jar launcher/target/parley.jar [--smoke]");
        return;
      } else {
        System.err.println("unknown argument: " + arg + " (try --help)");
        System.exit(2);
      }
    }
    int status = run(System.getenv(), smoke, System.out);
    if (smoke) {
      System.exit(status);
    }
  }

  /** Starts everything; in smoke mode checks it and stops, returning the exit status. */
  static int run(Map<String, String> env, boolean smoke, PrintStream out) throws Exception {
    RunningParley parley = RunningParley.start(env, smoke);
    if (smoke) {
      try (parley) {
        HealthReport report = parley.checkHealth();
        out.println(report.describe());
        if (!report.healthy()) {
          return 1;
        }
        if (parley.emulator == null) {
          return 0; // real Twilio: the smoke run places no call
        }
        DemoCall.Result result = parley.runDemo(out);
        boolean achieved = result.goalAchieved() && "completed".equals(result.status());
        out.println(
            achieved
                ? "\nSmoke: the demo call achieved its goal."
                : "\nSmoke: FAILED, the demo call did not achieve its goal (" + result + ").");
        ReceptionDemo.Result inbound = parley.runReceptionDemo(out);
        boolean booked = inbound.booked() && "completed".equals(inbound.status());
        out.println(
            booked
                ? "\nSmoke: the receptionist booked the inbound caller."
                : "\nSmoke: FAILED, the inbound demo call booked nothing (" + inbound + ").");
        return achieved && booked ? 0 : 1;
      }
    }
    out.println(parley.describe());
    if (parley.emulator != null) {
      try {
        DemoCall.Result result = parley.runDemo(out);
        out.println(
            "\nThe API stays up at http://localhost:"
                + parley.httpPort()
                + "/api/v1 (API key "
                + result.apiKey()
                + "; task "
                + result.taskId()
                + "). Stop with Ctrl-C.");
        ReceptionDemo.Result inbound = parley.runReceptionDemo(out);
        out.println(
            "\nThe receptionist's centre answers Parley's number (organisation API key "
                + inbound.apiKey()
                + "; inbound task "
                + inbound.taskId()
                + ").");
      } catch (Exception e) {
        out.println("The demo call could not run: " + e);
      }
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  parley.close();
                  stopped.countDown();
                },
                "parley-shutdown"));
    stopped.await();
    return 0;
  }

  /** A random secret for this run when none is configured: both halves of the link share it. */
  static String streamSecret(Map<String, String> env) {
    String configured = env.get("PARLEY_STREAM_SECRET");
    if (configured != null && !configured.isBlank()) {
      return configured;
    }
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  /** The three parts, started in dependency order and closed in reverse. */
  static final class RunningParley implements AutoCloseable {
    final ApplicationContext controlPlane;
    final TwilioEmulator emulator;
    final MediaServer mediaServer;

    private RunningParley(
        ApplicationContext controlPlane, TwilioEmulator emulator, MediaServer mediaServer) {
      this.controlPlane = controlPlane;
      this.emulator = emulator;
      this.mediaServer = mediaServer;
    }

    static RunningParley start(Map<String, String> env, boolean smoke) {
      return start(env, smoke, Map.of());
    }

    /** Starts with {@code overrides} applied over the control plane's properties (tests). */
    static RunningParley start(
        Map<String, String> env, boolean smoke, Map<String, Object> overrides) {
      return start(env, smoke, overrides, RealtimeConfig.fromEnv(env));
    }

    /** As above, with the media node's speech-to-speech (OpenAI Realtime) settings given. */
    static RunningParley start(
        Map<String, String> env,
        boolean smoke,
        Map<String, Object> overrides,
        RealtimeConfig realtime) {
      String secret = streamSecret(env);
      boolean realTwilio = notBlank(env.get("TWILIO_ACCOUNT_SID"));
      TwilioEmulator emulator = null;
      ApplicationContext context = null;
      try {
        if (!realTwilio) {
          EmulatorConfig emulatorConfig = EmulatorConfig.fromEnvironment(env);
          emulator = TwilioEmulator.start(smoke ? emulatorConfig.withPort(0) : emulatorConfig);
          // SIMULATION: the emulator's fictional 555-01xx numbers answer as scripted personas.
          PersonaCatalog.standard().registerAll(emulator.callees());
        }
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("parley.stream-secret", secret);
        if (!notBlank(env.get("PARLEY_ALLOW_LIST_MODE"))) {
          // The embedded demo only dials numbers on the allow-list.
          properties.put("parley.allow-list-mode", true);
        }
        int httpPort = smoke ? freePort() : httpPort(env);
        properties.put("micronaut.server.port", httpPort);
        if (smoke) {
          properties.put("parley.media-link.port", 0);
        }
        if (emulator != null && !notBlank(env.get("PARLEY_PUBLIC_BASE_URL"))) {
          // The emulator fetches TwiML and posts callbacks here, on this machine.
          properties.put("parley.public-base-url", "http://127.0.0.1:" + httpPort);
        }
        if (emulator != null) {
          // SIMULATION: the scripted callees answer at any hour, so calling hours span the day.
          properties.put("parley.calling-hours.start", "00:00");
          properties.put("parley.calling-hours.end", "23:59:59");
          properties.put("twilio.account-sid", emulator.config().accountSid());
          properties.put("twilio.auth-token", emulator.config().authToken());
          properties.put("twilio.api-base-url", emulator.baseUri().toString());
        }
        properties.putAll(overrides);
        context =
            Micronaut.build(new String[0])
                .mainClass(ControlPlaneApplication.class)
                .properties(properties)
                .banner(false)
                .start();
        if (emulator != null) {
          // SIMULATION: calls to Parley's number reach the inbound webhook, as a Twilio number's
          // Voice URL and status callback would send them.
          String base = context.getRequiredProperty("parley.public-base-url", String.class);
          emulator
              .incomingNumbers()
              .configure(parleyNumber(context), base + "/twilio/inbound", base + "/twilio/status");
        }
        // Deepgram / ElevenLabs when their keys are set (PARLEY_STT_PROVIDER, PARLEY_TTS_PROVIDER),
        // the offline synthesiser otherwise.
        SpeechProviders speech = SpeechProviders.fromEnvironment(env);
        MediaServerConfig mediaConfig =
            MediaServerConfig.fromEnv(env).withSecrets(secret, twilioAuthToken(env, emulator));
        if (smoke) {
          mediaConfig = mediaConfig.withEphemeralPorts("127.0.0.1");
        }
        // In one process the media node always finds this control plane's media link.
        mediaConfig = mediaConfig.withControl("127.0.0.1", mediaLinkPort(context));
        MediaServer media =
            MediaServer.start(
                mediaConfig,
                emulator == null ? speech.speechToText() : simulatedRecognizer(),
                speech.textToSpeech(),
                realtime);
        return new RunningParley(context, emulator, media);
      } catch (RuntimeException e) {
        if (context != null) {
          context.close();
        }
        if (emulator != null) {
          emulator.close();
        }
        throw e;
      }
    }

    /**
     * With the emulator, callees are scripted personas, so the media server recognises them with
     * the scripted recogniser (SIMULATION: it refuses any number outside the fictional range). With
     * real Twilio the configured recogniser runs.
     */
    private static SpeechToText simulatedRecognizer() {
      return new ScriptedRecognizer(PersonaCatalog.standard());
    }

    /** The number Parley calls from and answers on ({@code twilio.caller-id}). */
    static String parleyNumber(ApplicationContext context) {
      return context.getProperty("twilio.caller-id", String.class).orElse("+15005550006");
    }

    private static int mediaLinkPort(ApplicationContext context) {
      MediaLinkServer server = context.getBean(MediaLinkBeans.MediaLinkRunner.class).server();
      if (server == null) {
        throw new IllegalStateException(
            "the control plane's media link is switched off (parley.media-link.enabled=false)");
      }
      return server.port();
    }

    private static String twilioAuthToken(Map<String, String> env, TwilioEmulator emulator) {
      return emulator != null
          ? emulator.config().authToken()
          : env.getOrDefault("TWILIO_AUTH_TOKEN", "");
    }

    int httpPort() {
      return controlPlane.getBean(EmbeddedServer.class).getPort();
    }

    DemoCall.Result runDemo(PrintStream out) throws Exception {
      return new DemoCall(controlPlane, httpPort(), out).run();
    }

    ReceptionDemo.Result runReceptionDemo(PrintStream out) throws Exception {
      return new ReceptionDemo(controlPlane, emulator, httpPort(), out).run();
    }

    HealthReport checkHealth() throws InterruptedException {
      return HealthReport.check(this);
    }

    String describe() {
      StringBuilder s = new StringBuilder();
      s.append("\nParley is running.\n");
      s.append("  control plane   http://localhost:")
          .append(httpPort())
          .append("  (REST /api/v1, /health, /swagger-ui)\n");
      s.append("  media server    ")
          .append(mediaServer.publicUrl())
          .append("  (metrics http://localhost:")
          .append(mediaServer.metricsPort())
          .append("/metrics)\n");
      if (emulator != null) {
        s.append("  Twilio emulator ")
            .append(emulator.baseUri())
            .append("  (SIMULATION: scripted callees on +1 212 555 01xx)\n");
      }
      return s.toString();
    }

    @Override
    public void close() {
      mediaServer.close();
      controlPlane.close();
      if (emulator != null) {
        emulator.close();
      }
    }

    private static int httpPort(Map<String, String> env) {
      String configured = env.get("PARLEY_HTTP_PORT");
      return notBlank(configured) ? Integer.parseInt(configured.trim()) : 8080;
    }

    /** A port free now, for a smoke run that must not collide with a running Parley. */
    private static int freePort() {
      try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
        return s.getLocalPort();
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException("no free port for the smoke run", e);
      }
    }

    private static boolean notBlank(String s) {
      return s != null && !s.isBlank();
    }
  }
}
