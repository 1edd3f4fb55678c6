package dev.parley.emulator.call;

import dev.parley.emulator.EmulatorConfig;
import dev.parley.emulator.callee.CalleeDirectory;
import dev.parley.emulator.callee.SimulatedCallee;
import dev.parley.emulator.number.IncomingNumber;
import dev.parley.emulator.stream.MediaClock;
import dev.parley.emulator.stream.MediaStreamConnector;
import dev.parley.emulator.webhook.WebhookClient;
import io.netty.channel.EventLoopGroup;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;

/**
 * SIMULATION ONLY: every call the emulator has placed, outbound or inbound, by SID. Each new call
 * is pinned to one event loop of the shared group, where its timers, stream and media clock run.
 */
public final class CallRegistry {

  private final Map<String, EmulatedCall> calls = new ConcurrentHashMap<>();
  private final EventLoopGroup loops;
  private final CallServices services;
  private final LongAdder created = new LongAdder();

  /** A registry placing calls on {@code loops} with the given shared services. */
  public CallRegistry(
      EmulatorConfig config,
      EventLoopGroup loops,
      WebhookClient webhooks,
      MediaStreamConnector streams,
      MediaClock mediaClock,
      CalleeDirectory callees,
      Executor synthesis) {
    this.loops = loops;
    this.services = new CallServices(config, webhooks, streams, mediaClock, callees, synthesis);
  }

  /** Places a call: it starts at once, asynchronously, in status {@code queued}. */
  public EmulatedCall create(CallRequest request) {
    String sid = newCallSid();
    // The simulated person is the far end: the dialled number, or the caller of an inbound call.
    String remote = request.remoteNumber();
    CalleeDirectory.Entry entry = services.callees().lookup(remote);
    SimulatedCallee callee = entry.factory().create(remote, entry.behaviour());
    EmulatedCall call =
        new EmulatedCall(sid, loops.next(), request, entry.behaviour(), callee, services);
    calls.put(sid, call);
    created.increment();
    call.start();
    return call;
  }

  /**
   * Places an inbound call from {@code from} to the account's {@code number}: it starts at once,
   * asynchronously, by asking the number's Voice URL what to do while the call rings. The caller is
   * played by what {@link CalleeDirectory} holds for {@code from}.
   */
  public EmulatedCall createInbound(String from, IncomingNumber number) {
    if (from == null || from.isBlank()) {
      throw new IllegalArgumentException("an inbound call needs a caller number");
    }
    return create(
        new CallRequest(
            number.phoneNumber(),
            from,
            Optional.of(number.voiceUrl()),
            number.voiceMethod(),
            Optional.empty(),
            number.statusCallback(),
            number.statusCallbackMethod(),
            // An incoming number's status callback hears only that the call ended.
            Set.of("completed"),
            Optional.empty(),
            CallRequest.DEFAULT_TIMEOUT_SECONDS,
            CallDirection.INBOUND));
  }

  /** The call with {@code sid}, if the emulator still holds it. */
  public Optional<EmulatedCall> find(String sid) {
    return Optional.ofNullable(calls.get(sid));
  }

  /** All calls held. */
  public Collection<EmulatedCall> all() {
    return List.copyOf(calls.values());
  }

  /** Deletes a call's record; only an ended call can be deleted (as on Twilio). */
  public boolean remove(String sid) {
    EmulatedCall call = calls.get(sid);
    if (call == null || !call.snapshot().status().isTerminal()) {
      return false;
    }
    return calls.remove(sid, call);
  }

  /** Drops every ended call's record, so a long load run does not keep them all. */
  public int removeEnded() {
    int before = calls.size();
    calls.values().removeIf(c -> c.snapshot().status().isTerminal());
    return before - calls.size();
  }

  /** Calls placed since start. */
  public long createdCount() {
    return created.sum();
  }

  /** Calls not yet in a terminal status. */
  public long activeCount() {
    return calls.values().stream().filter(c -> !c.snapshot().status().isTerminal()).count();
  }

  static String newCallSid() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    return String.format("CA%016x%016x", r.nextLong(), r.nextLong());
  }
}
