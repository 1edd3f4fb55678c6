package dev.parley.launcher;

import dev.parley.control.ControlPlaneApplication;
import dev.parley.control.medialink.MediaLinkBeans;
import dev.parley.control.medialink.MediaLinkServer;
import dev.parley.emulator.EmulatorConfig;
import dev.parley.emulator.TwilioEmulator;
import dev.parley.media.server.MediaServer;
import dev.parley.media.server.MediaServerConfig;
import dev.parley.media.server.SpeechProviders;
import dev.parley.media.speech.SpeechToText;
import dev.parley.media.speech.TextToSpeech;
import dev.parley.simulation.persona.PersonaCatalog;
import dev.parley.simulation.recognizer.EmulatorCallNumbers;
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
        return report.healthy() ? 0 : 1;
      }
    }
    out.println(parley.describe());
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
        if (smoke) {
          properties.put("micronaut.server.port", -1);
          properties.put("parley.media-link.port", 0);
        }
        if (emulator != null) {
          properties.put("twilio.account-sid", emulator.config().accountSid());
          properties.put("twilio.auth-token", emulator.config().authToken());
          properties.put("twilio.api-base-url", emulator.baseUri().toString());
        }
        context =
            Micronaut.build(new String[0])
                .mainClass(ControlPlaneApplication.class)
                .properties(properties)
                .banner(false)
                .start();
        TextToSpeech tts = SpeechProviders.offline().textToSpeech();
        MediaServerConfig mediaConfig =
            MediaServerConfig.fromEnv(env).withSecrets(secret, twilioAuthToken(env, emulator));
        if (smoke) {
          mediaConfig = mediaConfig.withEphemeralPorts("127.0.0.1");
        }
        // In one process the media node always finds this control plane's media link.
        mediaConfig = mediaConfig.withControl("127.0.0.1", mediaLinkPort(context));
        MediaServer media = MediaServer.start(mediaConfig, speechToText(emulator), tts);
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
     * real Twilio the production recogniser runs.
     */
    private static SpeechToText speechToText(TwilioEmulator emulator) {
      if (emulator == null) {
        return SpeechProviders.offline().speechToText();
      }
      return new ScriptedRecognizer(PersonaCatalog.standard(), new EmulatorCallNumbers(emulator));
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
      s.append("Stop with Ctrl-C.\n");
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

    private static boolean notBlank(String s) {
      return s != null && !s.isBlank();
    }
  }
}
