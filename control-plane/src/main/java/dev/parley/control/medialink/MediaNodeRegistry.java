package dev.parley.control.medialink;

import dev.parley.control.dispatch.DialPreparation;
import dev.parley.control.telephony.MediaRouter;
import dev.parley.control.telephony.StreamTokens;
import dev.parley.protocol.CallDirection;
import dev.parley.protocol.SessionStart;
import dev.parley.protocol.SpeechMode;
import dev.parley.protocol.VadTuning;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
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

  /** What goes into SESSION_START besides the call's own facts. */
  public record SessionDefaults(
      byte[] streamSecret,
      Duration streamTokenTtl,
      String localNumber,
      String language,
      String voice,
      String sttProvider,
      String ttsProvider,
      String greeting) {}

  private final Map<String, MediaNode> nodes = new ConcurrentHashMap<>();
  private final SessionDefaults defaults;
  private final Clock clock;
  private volatile BiConsumer<String, Collection<UUID>> onNodeLost = (node, calls) -> {};
  private final LongAdder sessionStarts = new LongAdder();
  private final LongAdder nodesLost = new LongAdder();

  public MediaNodeRegistry(SessionDefaults defaults, Clock clock) {
    this.defaults = defaults;
    this.clock = clock;
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
            SpeechMode.PIPELINE,
            token,
            defaults.greeting(),
            "",
            VadTuning.DEFAULTS);
    n.calls().add(d.sessionId());
    n.channel().writeAndFlush(start);
    sessionStarts.increment();
    return n.id();
  }
}
