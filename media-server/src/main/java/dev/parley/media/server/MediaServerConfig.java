package dev.parley.media.server;

import java.time.Duration;
import java.util.Map;

/**
 * Everything the media server is configured with, read once from the environment ({@link
 * #fromEnv(Map)}) with a default for each value.
 *
 * @param bindHost interface the WebSocket and metrics listeners bind ({@code PARLEY_MEDIA_BIND})
 * @param port WebSocket port for Twilio Media Streams ({@code PARLEY_MEDIA_PORT}, 0 = ephemeral)
 * @param metricsPort HTTP port for {@code /metrics} and {@code /health} ({@code
 *     PARLEY_MEDIA_METRICS_PORT}, 0 = ephemeral, -1 = off)
 * @param publicUrl the base URL Twilio reaches this node at, e.g. {@code wss://media1.example.com}
 *     ({@code PARLEY_MEDIA_PUBLIC_URL}); announced to the control plane and used to check {@code
 *     X-Twilio-Signature}. Empty means {@code ws://<bindHost>:<bound port>}.
 * @param controlHost control plane host ({@code PARLEY_CONTROL_ADDRESS}, {@code host:port})
 * @param controlPort control plane port; -1 disables the control link (tests of the bare server)
 * @param streamSecret shared secret for stream tokens ({@code PARLEY_STREAM_SECRET})
 * @param twilioAuthToken Twilio auth token for signature checks, or empty ({@code
 *     TWILIO_AUTH_TOKEN})
 * @param capacity most concurrent calls this node takes ({@code PARLEY_MEDIA_CAPACITY})
 * @param nodeId this node's name in HELLO ({@code PARLEY_MEDIA_NODE_ID})
 * @param inactivityTimeout a call with no inbound media for this long is torn down ({@code
 *     PARLEY_MEDIA_INACTIVITY_TIMEOUT_MS})
 * @param playoutLeadMs most audio kept buffered at Twilio ahead of what it has played
 * @param markEveryFrames a mark after this many outbound 20 ms frames (the playout clock's tick)
 * @param reconnectMin first reconnect delay of the control link (doubles per failure)
 * @param reconnectMax longest reconnect delay of the control link
 * @param ioThreads event loop threads, 0 = Netty's default (2 per core) ({@code
 *     PARLEY_MEDIA_IO_THREADS})
 * @param echoCanceller run the adaptive echo canceller on every call while our audio plays ({@code
 *     PARLEY_MEDIA_ECHO_CANCELLER}, default off: see {@code EchoGateConfig#cancelEcho})
 * @param limits input size limits
 */
public record MediaServerConfig(
    String bindHost,
    int port,
    int metricsPort,
    String publicUrl,
    String controlHost,
    int controlPort,
    String streamSecret,
    String twilioAuthToken,
    int capacity,
    String nodeId,
    Duration inactivityTimeout,
    int playoutLeadMs,
    int markEveryFrames,
    Duration reconnectMin,
    Duration reconnectMax,
    int ioThreads,
    boolean echoCanceller,
    MediaLimits limits) {

  /** The development secret used when none is configured; the server logs a warning when it is. */
  public static final String DEV_STREAM_SECRET = "parley-dev-stream-secret-change-me";

  public MediaServerConfig {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be >= 1");
    }
    if (ioThreads < 0) {
      throw new IllegalArgumentException("ioThreads must be >= 0 (0: Netty's default)");
    }
    if (playoutLeadMs < 20 || markEveryFrames < 1) {
      throw new IllegalArgumentException("playoutLeadMs must be >= 20, markEveryFrames >= 1");
    }
    if (streamSecret == null || streamSecret.isEmpty()) {
      throw new IllegalArgumentException("streamSecret must not be empty");
    }
    twilioAuthToken = twilioAuthToken == null ? "" : twilioAuthToken;
    publicUrl = publicUrl == null ? "" : publicUrl;
  }

  /** Defaults for a development node on this machine. */
  public static MediaServerConfig defaults() {
    return fromEnv(Map.of());
  }

  /** Reads the configuration from environment variables, defaulting what is unset. */
  public static MediaServerConfig fromEnv(Map<String, String> env) {
    String control = env.getOrDefault("PARLEY_CONTROL_ADDRESS", "127.0.0.1:9400");
    int colon = control.lastIndexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException(
          "PARLEY_CONTROL_ADDRESS must be host:port, got " + control);
    }
    return new MediaServerConfig(
        env.getOrDefault("PARLEY_MEDIA_BIND", "0.0.0.0"),
        intEnv(env, "PARLEY_MEDIA_PORT", 8765),
        intEnv(env, "PARLEY_MEDIA_METRICS_PORT", 9466),
        env.getOrDefault("PARLEY_MEDIA_PUBLIC_URL", ""),
        control.substring(0, colon),
        Integer.parseInt(control.substring(colon + 1)),
        env.getOrDefault("PARLEY_STREAM_SECRET", DEV_STREAM_SECRET),
        env.getOrDefault("TWILIO_AUTH_TOKEN", ""),
        intEnv(env, "PARLEY_MEDIA_CAPACITY", 100),
        env.getOrDefault("PARLEY_MEDIA_NODE_ID", "media-1"),
        Duration.ofMillis(intEnv(env, "PARLEY_MEDIA_INACTIVITY_TIMEOUT_MS", 30_000)),
        200,
        5,
        Duration.ofMillis(200),
        Duration.ofSeconds(10),
        intEnv(env, "PARLEY_MEDIA_IO_THREADS", 0),
        boolEnv(env, "PARLEY_MEDIA_ECHO_CANCELLER", false),
        MediaLimits.DEFAULTS);
  }

  private static boolean boolEnv(Map<String, String> env, String name, boolean def) {
    String v = env.get(name);
    if (v == null || v.isBlank()) {
      return def;
    }
    return switch (v.trim().toLowerCase(java.util.Locale.ROOT)) {
      case "true", "on", "1" -> true;
      case "false", "off", "0" -> false;
      default ->
          throw new IllegalArgumentException(name + " must be true or false, got '" + v + "'");
    };
  }

  private static int intEnv(Map<String, String> env, String name, int def) {
    String v = env.get(name);
    if (v == null || v.isBlank()) {
      return def;
    }
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be an integer, got '" + v + "'", e);
    }
  }

  /** A copy listening on ephemeral ports of {@code host}: what tests and the launcher embed. */
  public MediaServerConfig withEphemeralPorts(String host) {
    return toBuilder().bindHost(host).port(0).metricsPort(0).build();
  }

  /** A copy whose control link goes to {@code host:port} (-1 port: no control link). */
  public MediaServerConfig withControl(String host, int port) {
    return toBuilder().controlHost(host).controlPort(port).build();
  }

  /** A copy with other secrets: the stream-token secret and the Twilio auth token. */
  public MediaServerConfig withSecrets(String streamSecret, String twilioAuthToken) {
    return toBuilder().streamSecret(streamSecret).twilioAuthToken(twilioAuthToken).build();
  }

  /** A copy with another inbound-media inactivity timeout. */
  public MediaServerConfig withInactivityTimeout(Duration timeout) {
    return toBuilder().inactivityTimeout(timeout).build();
  }

  /** A copy announcing {@code calls} as the node's capacity. */
  public MediaServerConfig withCapacity(int calls) {
    return toBuilder().capacity(calls).build();
  }

  /** A copy with another public URL. */
  public MediaServerConfig withPublicUrl(String url) {
    return toBuilder().publicUrl(url).build();
  }

  /** A builder holding this configuration's values, to change some of them. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /**
   * Changes a configuration field by field; {@link #build()} checks the result as the constructor
   * does.
   */
  public static final class Builder {
    private String bindHost;
    private int port;
    private int metricsPort;
    private String publicUrl;
    private String controlHost;
    private int controlPort;
    private String streamSecret;
    private String twilioAuthToken;
    private int capacity;
    private String nodeId;
    private Duration inactivityTimeout;
    private int playoutLeadMs;
    private int markEveryFrames;
    private Duration reconnectMin;
    private Duration reconnectMax;
    private int ioThreads;
    private boolean echoCanceller;
    private MediaLimits limits;

    private Builder(MediaServerConfig c) {
      bindHost = c.bindHost;
      port = c.port;
      metricsPort = c.metricsPort;
      publicUrl = c.publicUrl;
      controlHost = c.controlHost;
      controlPort = c.controlPort;
      streamSecret = c.streamSecret;
      twilioAuthToken = c.twilioAuthToken;
      capacity = c.capacity;
      nodeId = c.nodeId;
      inactivityTimeout = c.inactivityTimeout;
      playoutLeadMs = c.playoutLeadMs;
      markEveryFrames = c.markEveryFrames;
      reconnectMin = c.reconnectMin;
      reconnectMax = c.reconnectMax;
      ioThreads = c.ioThreads;
      echoCanceller = c.echoCanceller;
      limits = c.limits;
    }

    public Builder bindHost(String value) {
      bindHost = value;
      return this;
    }

    public Builder port(int value) {
      port = value;
      return this;
    }

    public Builder metricsPort(int value) {
      metricsPort = value;
      return this;
    }

    public Builder publicUrl(String value) {
      publicUrl = value;
      return this;
    }

    public Builder controlHost(String value) {
      controlHost = value;
      return this;
    }

    public Builder controlPort(int value) {
      controlPort = value;
      return this;
    }

    public Builder streamSecret(String value) {
      streamSecret = value;
      return this;
    }

    public Builder twilioAuthToken(String value) {
      twilioAuthToken = value;
      return this;
    }

    public Builder capacity(int value) {
      capacity = value;
      return this;
    }

    public Builder nodeId(String value) {
      nodeId = value;
      return this;
    }

    public Builder inactivityTimeout(Duration value) {
      inactivityTimeout = value;
      return this;
    }

    public Builder playoutLeadMs(int value) {
      playoutLeadMs = value;
      return this;
    }

    public Builder markEveryFrames(int value) {
      markEveryFrames = value;
      return this;
    }

    public Builder reconnectMin(Duration value) {
      reconnectMin = value;
      return this;
    }

    public Builder reconnectMax(Duration value) {
      reconnectMax = value;
      return this;
    }

    public Builder ioThreads(int value) {
      ioThreads = value;
      return this;
    }

    public Builder echoCanceller(boolean value) {
      echoCanceller = value;
      return this;
    }

    public Builder limits(MediaLimits value) {
      limits = value;
      return this;
    }

    public MediaServerConfig build() {
      return new MediaServerConfig(
          bindHost,
          port,
          metricsPort,
          publicUrl,
          controlHost,
          controlPort,
          streamSecret,
          twilioAuthToken,
          capacity,
          nodeId,
          inactivityTimeout,
          playoutLeadMs,
          markEveryFrames,
          reconnectMin,
          reconnectMax,
          ioThreads,
          echoCanceller,
          limits);
    }
  }

  /** The secret as bytes for {@link dev.parley.media.twilio.StreamToken}. */
  public byte[] streamSecretBytes() {
    return streamSecret.getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }
}
