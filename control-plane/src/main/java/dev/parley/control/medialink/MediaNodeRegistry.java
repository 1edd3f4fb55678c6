package dev.parley.control.medialink;

import dev.parley.control.dispatch.DialPreparation;
import dev.parley.control.telephony.MediaRouter;
import dev.parley.control.telephony.StreamTokens;
import dev.parley.protocol.CallDirection;
import dev.parley.protocol.ProtocolMessage;
import dev.parley.protocol.SessionStart;
import dev.parley.protocol.SpeechMode;
import dev.parley.protocol.VadTuning;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connected media nodes. Chooses the least loaded one for a call, sends it SESSION_START when
 * the call is dialled (so its greeting is synthesised before anyone answers), and tells the TwiML
 * endpoint where the call's stream goes. When a node is lost, hands its calls to the {@code
 * onNodeLost} callback, which ends them.
 */
public final class MediaNodeRegistry implements MediaRouter, DialPreparation {
  private static final Logger log = LoggerFactory.getLogger(MediaNodeRegistry.class);

  /**
   * What goes into SESSION_START besides the call's own facts.
   *
   * @param speechMode how calls with a plan are held ({@code parley.media.speech-mode}); the {@link
   *     CallOpener} reads it and decides each call's mode
   */
  public record SessionDefaults(
      byte[] streamSecret,
      Duration streamTokenTtl,
      String localNumber,
      String language,
      String voice,
      String sttProvider,
      String ttsProvider,
      String greeting,
      SpeechMode speechMode) {

    public SessionDefaults {
      Objects.requireNonNull(speechMode, "speechMode");
    }
  }

  /**
   * What a call says first, how it is held and what its speech-to-speech model is told, decided per
   * call when it is dialled (the conversation layer opens the call's dialogue then). A null
   * greeting or instructions keeps the defaults; a null mode is the pipeline.
   */
  public record Opening(String greeting, String instructions, SpeechMode speechMode) {}

  /** Decides a call's {@link Opening} when it is dialled; null for the defaults. */
  @FunctionalInterface
  public interface CallOpener {
    Opening open(PreparedDial dial);
  }

  private final Map<String, MediaNode> nodes = new ConcurrentHashMap<>();
  private final SessionDefaults defaults;
  private final Clock clock;
  private volatile CallOpener opener = dial -> null;
  private volatile BiConsumer<String, Collection<UUID>> onNodeLost = (node, calls) -> {};
  private final LongAdder sessionStarts = new LongAdder();
  private final LongAdder nodesLost = new LongAdder();

  public MediaNodeRegistry(SessionDefaults defaults, Clock clock) {
    this.defaults = defaults;
    this.clock = clock;
  }

  /**
   * The configured speech mode ({@code pipeline} or {@code speech_to_speech}, case-insensitive).
   *
   * @throws IllegalArgumentException naming the setting when the value is neither
   */
  public static SpeechMode speechMode(String setting) {
    String s = setting == null ? "" : setting.strip().toLowerCase(Locale.ROOT);
    return switch (s) {
      case "", "pipeline" -> SpeechMode.PIPELINE;
      case "speech_to_speech", "speech-to-speech" -> SpeechMode.SPEECH_TO_SPEECH;
      default ->
          throw new IllegalArgumentException(
              "parley.media.speech-mode (PARLEY_MEDIA_SPEECH_MODE) is '"
                  + setting
                  + "'; use pipeline or speech_to_speech");
    };
  }

  /** How calls with a plan are held, from {@code parley.media.speech-mode}. */
  public SpeechMode speechMode() {
    return defaults.speechMode();
  }

  /** Sets who decides each call's opening line. */
  public void callOpener(CallOpener opener) {
    this.opener = opener;
  }

  /**
   * Sends a call-level command (SPEAK, CLEAR, SEND_DTMF, HANGUP, TOOL_RESULT) to the node serving
   * {@code callId}; false when no connected node holds the call.
   */
  public boolean send(UUID callId, ProtocolMessage message) {
    for (MediaNode n : nodes.values()) {
      if (n.calls().contains(callId) && n.channel().isActive()) {
        n.channel().writeAndFlush(message);
        return true;
      }
    }
    return false;
  }

  /** Sets what happens to a lost node's calls. */
  public void onNodeLost(BiConsumer<String, Collection<UUID>> handler) {
    this.onNodeLost = handler;
  }

  /** The nodes connected now. */
  public List<MediaNode> nodes() {
    return List.copyOf(nodes.values());
  }

  /** SESSION_START messages sent. */
  public long sessionStarts() {
    return sessionStarts.sum();
  }

  /** Nodes lost (closed, silent or replaced). */
  public long nodesLost() {
    return nodesLost.sum();
  }

  /**
   * Registers a node after its handshake; a node reconnecting under the same id replaces its old
   * link.
   */
  void register(MediaNode node) {
    MediaNode old = nodes.put(node.id(), node);
    if (old != null && old.channel() != node.channel()) {
      log.info("media node {} reconnected; closing its previous link", node.id());
      // Its calls move with it: the node keeps serving them over the new link.
      node.calls().addAll(old.calls());
      old.calls().clear();
      old.channel().close();
    }
    log.info(
        "media node {} joined: {} (capacity {}, protocol v{})",
        node.id(),
        node.mediaUrl(),
        node.capacity(),
        node.version());
  }

  /** Removes a node whose link closed; its calls are ended through the loss handler. */
  void lost(MediaNode node, String why) {
    if (!nodes.remove(node.id(), node)) {
      return; // already replaced by a reconnect
    }
    nodesLost.increment();
    List<UUID> calls = List.copyOf(node.calls());
    log.warn("media node {} lost ({}); ending its {} call(s)", node.id(), why, calls.size());
    try {
      onNodeLost.accept(node.id(), calls);
    } catch (RuntimeException e) {
      log.error("ending the calls of lost node {} failed", node.id(), e);
    }
  }

  /** A call ended on its node: it no longer counts toward that node's load. */
  void callEnded(String nodeId, UUID callId) {
    MediaNode n = nodes.get(nodeId);
    if (n != null) {
      n.calls().remove(callId);
    }
  }

  @Override
  public Optional<MediaRoute> route(String preferredNodeId) {
    MediaNode n = preferredNodeId == null ? null : nodes.get(preferredNodeId);
    if (n == null || !n.channel().isActive()) {
      n = leastLoaded().orElse(null);
    }
    return n == null ? Optional.empty() : Optional.of(new MediaRoute(n.id(), n.mediaUrl()));
  }

  Optional<MediaNode> leastLoaded() {
    return nodes.values().stream()
        .filter(n -> n.channel().isActive() && !n.full())
        .min(Comparator.comparingInt(MediaNode::load).thenComparing(MediaNode::id));
  }

  @Override
  public String prepare(PreparedDial d) {
    Optional<MediaNode> chosen = leastLoaded();
    if (chosen.isEmpty()) {
      return null;
    }
    MediaNode n = chosen.get();
    boolean inbound = "inbound".equals(d.kind());
    String remote = inbound ? d.from() : d.to();
    String local = inbound ? d.to() : (d.from() != null ? d.from() : defaults.localNumber());
    Opening opening = null;
    try {
      opening = opener.open(d);
    } catch (RuntimeException e) {
      log.warn(
          "call {}: opening could not be prepared; using the default greeting", d.sessionId(), e);
    }
    String greeting =
        opening != null && opening.greeting() != null ? opening.greeting() : defaults.greeting();
    String instructions =
        opening != null && opening.instructions() != null ? opening.instructions() : "";
    // Only a call whose opener wrote the model's instructions can be held by the model.
    SpeechMode mode =
        opening != null && opening.speechMode() != null
            ? opening.speechMode()
            : SpeechMode.PIPELINE;
    String token =
        StreamTokens.mint(
            defaults.streamSecret(),
            d.sessionId().toString(),
            clock.instant().plus(defaults.streamTokenTtl()));
    SessionStart start =
        new SessionStart(
            d.sessionId(),
            inbound ? CallDirection.INBOUND : CallDirection.OUTBOUND,
            d.organizationId().toString(),
            remote == null ? "" : remote,
            local == null ? "" : local,
            defaults.language(),
            defaults.voice(),
            defaults.sttProvider(),
            defaults.ttsProvider(),
            mode,
            token,
            greeting,
            instructions,
            VadTuning.DEFAULTS);
    n.calls().add(d.sessionId());
    n.channel().writeAndFlush(start);
    sessionStarts.increment();
    return n.id();
  }
}
