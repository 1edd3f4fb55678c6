package dev.parley.emulator;

import dev.parley.emulator.number.IncomingNumber;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * SIMULATION ONLY: settings of one {@link TwilioEmulator}.
 *
 * @param port TCP port of the REST API; 0 binds an ephemeral port
 * @param accountSid the only account the emulator knows; requests for another are rejected
 * @param authToken the account's auth token: HTTP Basic password and webhook signing key
 * @param dialDelay time from create to the {@code initiated} event
 * @param ringDelay time from {@code initiated} to {@code ringing}
 * @param webhookTimeout limit for one status callback or TwiML fetch
 * @param heardRecordingLimit how much of what each callee heard and said is kept for inspection
 * @param trustAllCertificates accept self-signed certificates on {@code wss://} streams (dev only)
 * @param offlineSpeech voice scripted callees with the {@code audio} module's offline synthesiser
 *     (real words, slower to start) instead of {@link
 *     dev.parley.emulator.callee.SyntheticSpeechSource} (speech-like, instant)
 * @param clock wall clock for resource timestamps; pacing uses the event loop's timer
 * @param incomingNumbers numbers the account owns, configured at start (more can be configured on
 *     {@link TwilioEmulator#incomingNumbers()}); inbound calls can only be placed to these
 */
public record EmulatorConfig(
    int port,
    String accountSid,
    String authToken,
    Duration dialDelay,
    Duration ringDelay,
    Duration webhookTimeout,
    Duration heardRecordingLimit,
    boolean trustAllCertificates,
    boolean offlineSpeech,
    Clock clock,
    List<IncomingNumber> incomingNumbers) {

  /** A fictional account SID, well-formed so the SDK accepts it. */
  public static final String DEFAULT_ACCOUNT_SID = "AC00000000000000000000000000e1a7ed";

  /** The default auth token; only ever valid against the emulator. */
  public static final String DEFAULT_AUTH_TOKEN = "emulator-simulation-auth-token";

  public EmulatorConfig {
    Objects.requireNonNull(accountSid, "accountSid");
    Objects.requireNonNull(authToken, "authToken");
    Objects.requireNonNull(clock, "clock");
    incomingNumbers = List.copyOf(incomingNumbers);
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
    if (!accountSid.matches("AC[0-9a-fA-F]{32}")) {
      throw new IllegalArgumentException("accountSid must be AC followed by 32 hex digits");
    }
  }

  /** Defaults: ephemeral port, fictional credentials, short dial and ring delays. */
  public static EmulatorConfig defaults() {
    return new EmulatorConfig(
        0,
        DEFAULT_ACCOUNT_SID,
        DEFAULT_AUTH_TOKEN,
        Duration.ofMillis(50),
        Duration.ofMillis(150),
        Duration.ofSeconds(15),
        Duration.ofMinutes(2),
        false,
        false,
        Clock.systemUTC(),
        List.of());
  }

  /**
   * Reads {@code PARLEY_EMULATOR_PORT} (default 8089), {@code PARLEY_EMULATOR_ACCOUNT_SID}, {@code
   * PARLEY_EMULATOR_AUTH_TOKEN}, {@code PARLEY_EMULATOR_TRUST_ALL_CERTS} and {@code
   * PARLEY_EMULATOR_VOICE} ({@code offline}, the default, or {@code synthetic}) and {@code
   * PARLEY_EMULATOR_INCOMING_NUMBERS} over {@link #defaults()}. Incoming numbers are written {@code
   * +15550100=voiceUrl} or {@code +15550100=voiceUrl|statusCallbackUrl}, separated by commas or
   * whitespace.
   */
  public static EmulatorConfig fromEnvironment(Map<String, String> env) {
    EmulatorConfig d = defaults();
    String port = env.get("PARLEY_EMULATOR_PORT");
    return new EmulatorConfig(
        port == null || port.isBlank() ? 8089 : Integer.parseInt(port.trim()),
        env.getOrDefault("PARLEY_EMULATOR_ACCOUNT_SID", d.accountSid()),
        env.getOrDefault("PARLEY_EMULATOR_AUTH_TOKEN", d.authToken()),
        d.dialDelay(),
        d.ringDelay(),
        d.webhookTimeout(),
        d.heardRecordingLimit(),
        Boolean.parseBoolean(env.getOrDefault("PARLEY_EMULATOR_TRUST_ALL_CERTS", "false")),
        !"synthetic".equalsIgnoreCase(env.getOrDefault("PARLEY_EMULATOR_VOICE", "offline")),
        d.clock(),
        parseIncomingNumbers(env.getOrDefault("PARLEY_EMULATOR_INCOMING_NUMBERS", "")));
  }

  public EmulatorConfig withPort(int newPort) {
    return new EmulatorConfig(
        newPort,
        accountSid,
        authToken,
        dialDelay,
        ringDelay,
        webhookTimeout,
        heardRecordingLimit,
        trustAllCertificates,
        offlineSpeech,
        clock,
        incomingNumbers);
  }

  public EmulatorConfig withCredentials(String newAccountSid, String newAuthToken) {
    return new EmulatorConfig(
        port,
        newAccountSid,
        newAuthToken,
        dialDelay,
        ringDelay,
        webhookTimeout,
        heardRecordingLimit,
        trustAllCertificates,
        offlineSpeech,
        clock,
        incomingNumbers);
  }

  public EmulatorConfig withHeardRecordingLimit(Duration limit) {
    return new EmulatorConfig(
        port,
        accountSid,
        authToken,
        dialDelay,
        ringDelay,
        webhookTimeout,
        limit,
        trustAllCertificates,
        offlineSpeech,
        clock,
        incomingNumbers);
  }

  public EmulatorConfig withTrustAllCertificates(boolean trustAll) {
    return new EmulatorConfig(
        port,
        accountSid,
        authToken,
        dialDelay,
        ringDelay,
        webhookTimeout,
        heardRecordingLimit,
        trustAll,
        offlineSpeech,
        clock,
        incomingNumbers);
  }

  public EmulatorConfig withOfflineSpeech(boolean offline) {
    return new EmulatorConfig(
        port,
        accountSid,
        authToken,
        dialDelay,
        ringDelay,
        webhookTimeout,
        heardRecordingLimit,
        trustAllCertificates,
        offline,
        clock,
        incomingNumbers);
  }

  /**
   * A copy that also owns {@code phoneNumber}, whose incoming calls POST {@code voiceUrl} and, when
   * {@code statusCallbackUrl} is not null, send status callbacks there (replaces an earlier entry
   * for the same number).
   */
  public EmulatorConfig withIncomingNumber(
      String phoneNumber, String voiceUrl, String statusCallbackUrl) {
    IncomingNumber number = IncomingNumber.of(phoneNumber, voiceUrl, statusCallbackUrl);
    List<IncomingNumber> numbers = new ArrayList<>();
    for (IncomingNumber n : incomingNumbers) {
      if (!n.phoneNumber().equals(phoneNumber)) {
        numbers.add(n);
      }
    }
    numbers.add(number);
    return new EmulatorConfig(
        port,
        accountSid,
        authToken,
        dialDelay,
        ringDelay,
        webhookTimeout,
        heardRecordingLimit,
        trustAllCertificates,
        offlineSpeech,
        clock,
        numbers);
  }

  /** Parses {@code +15550100=voiceUrl[|statusCallbackUrl]} entries (commas or whitespace). */
  static List<IncomingNumber> parseIncomingNumbers(String spec) {
    List<IncomingNumber> out = new ArrayList<>();
    for (String entry : spec.trim().split("[,\\s]+")) {
      if (entry.isEmpty()) {
        continue;
      }
      int eq = entry.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException(
            "PARLEY_EMULATOR_INCOMING_NUMBERS entry is not number=voiceUrl: " + entry);
      }
      String[] urls = entry.substring(eq + 1).split("\\|", 2);
      out.add(IncomingNumber.of(entry.substring(0, eq), urls[0], urls.length > 1 ? urls[1] : null));
    }
    return out;
  }
}
