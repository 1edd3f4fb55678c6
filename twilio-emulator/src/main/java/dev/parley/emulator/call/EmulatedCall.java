package dev.parley.emulator.call;

import dev.parley.emulator.callee.CalleeBehaviour;
import dev.parley.emulator.callee.CalleeContext;
import dev.parley.emulator.callee.SimulatedCallee;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SIMULATION ONLY: one emulated call, outbound (created on the REST API) or inbound (a simulated
 * caller dialling one of the account's numbers), from create to its terminal status.
 *
 * <p>Plays Twilio's part: dialling, ringing and answering with their status callbacks, hang-ups
 * from either side, and the line to the {@link SimulatedCallee}, who is the person at the far end
 * in both directions (the callee of an outbound call, the caller of an inbound one). Once answered,
 * the call's {@link TwimlProgram} runs its TwiML and Media Stream. Everything mutable is confined
 * to the call's event loop; other threads see the published {@link #snapshot()} and the {@link
 * #recording()}, and reach the call through methods that hop onto the loop.
 */
public final class EmulatedCall {

  private static final Logger log = LoggerFactory.getLogger(EmulatedCall.class);

  private final EventLoop loop;
  private final CallRequest request;
  private final CalleeBehaviour behaviour;
  private final SimulatedCallee callee;
  private final CallServices services;
  private final StatusCallbacks callbacks;
  private final CallRecording recording;
  private final CompletableFuture<CallSnapshot> ended = new CompletableFuture<>();
  private volatile CallSnapshot snapshot;

  private final CallAudioPath line;
  private final TwimlProgram program;
  private final DialProgress dial;
  private final CalleeContext calleeContext = new Context();
  private final CallAudioPath.DigitListener digitNote = d -> note("dtmf", String.valueOf(d));
  private boolean answered;
  private boolean applicationReached;
  private ScheduledFuture<?> timer;
  private ScheduledFuture<?> hangUpTimer;

  EmulatedCall(
      String sid,
      EventLoop loop,
      CallRequest request,
      CalleeBehaviour behaviour,
      SimulatedCallee callee,
      CallServices services) {
    this.loop = loop;
    this.request = request;
    this.behaviour = behaviour;
    this.callee = callee;
    this.services = services;
    Instant now = services.config().clock().instant();
    this.snapshot =
        new CallSnapshot(
            sid,
            services.config().accountSid(),
            request.to(),
            request.from(),
            request.direction(),
            CallStatus.QUEUED,
            now,
            now,
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty());
    this.recording =
        new CallRecording(
            (int)
                Math.min(
                    Integer.MAX_VALUE - 8, services.config().heardRecordingLimit().toMillis() * 8));
    this.callbacks = new StatusCallbacks(request, services.webhooks(), services.config().clock());
    this.line = new CallAudioPath(callee, behaviour.echo(), recording);
    this.program = new TwimlProgram(this, loop, services, callbacks, callee, line.playout());
    this.dial = new DialProgress(this, request, behaviour, services, callbacks, program);
  }

  /** The call's SID. */
  public String sid() {
    return snapshot.sid();
  }

  /** The call resource now. */
  public CallSnapshot snapshot() {
    return snapshot;
  }

  /** How the dialled number behaves. */
  public CalleeBehaviour behaviour() {
    return behaviour;
  }

  /** What the callee heard and said, and the stream's events. */
  public CallRecording recording() {
    return recording;
  }

  /** Completes with the final resource when the call reaches a terminal status. */
  public CompletableFuture<CallSnapshot> ended() {
    return ended;
  }

  /**
   * Hangs up from the application's side: {@code Status=completed} or {@code canceled} on the REST
   * API. Canceling an answered call does nothing, as on Twilio.
   */
  public CompletableFuture<CallSnapshot> hangUp(CallStatus requested) {
    return onLoop(
        () -> {
          CallStatus now = snapshot.status();
          if (!now.isTerminal()) {
            if (now == CallStatus.IN_PROGRESS) {
              if (requested == CallStatus.COMPLETED) {
                note("hangup", "application hung up");
                finish(CallStatus.COMPLETED);
              }
            } else {
              note("hangup", "application canceled");
              finish(CallStatus.CANCELED);
            }
          }
          return snapshot;
        });
  }

  /**
   * Redirects an answered call to new TwiML ({@code Url} or {@code Twiml} on the REST API): the
   * current verb, and any stream, end at once.
   */
  public CompletableFuture<CallSnapshot> redirect(
      Optional<String> url, String method, Optional<String> twiml) {
    return onLoop(
        () -> {
          if (snapshot.status() != CallStatus.IN_PROGRESS) {
            throw new IllegalStateException("Call is not in-progress. Cannot redirect.");
          }
          note("twiml", "redirect");
          program.stopStream();
          program.fetch(url, method, twiml);
          return snapshot;
        });
  }

  void start() {
    dial.start();
  }

  /** The call is answered: the far end is on the line and the media clock ticks it. */
  void connectLine(Optional<String> answeredBy) {
    answered = true;
    snapshot = snapshot.answered(now(), answeredBy);
    callbacks.send("answered", "in-progress", snapshot, snapshot.answeredBy());
    note("answered", snapshot.answeredBy().orElse(""));
    callee.onAnswered(calleeContext);
    services.mediaClock().register(loop, this::tick);
  }

  /**
   * The application has reached the callee: its TwiML runs a verb the callee hears (anything but
   * {@code <Connect><Stream>}), or the Media Stream it connected has started. Until then the
   * callee's opening line waits ({@link CalleeContext#applicationPending}), and a behaviour's
   * hang-up countdown starts here, once, rather than at the answer: the TwiML fetch and the
   * stream's set-up are the application's latency, not time the callee spent listening, and on a
   * loaded machine they took longer than the whole countdown (8.5 s against the 8 s of the persona
   * hanging up mid-sentence, who then hung up before saying a word).
   */
  void applicationReached() {
    if (!answered || applicationReached || snapshot.status().isTerminal()) {
      return;
    }
    applicationReached = true;
    behaviour
        .hangUpAfter()
        .ifPresent(
            d ->
                hangUpTimer =
                    loop.schedule(
                        () -> {
                          note("callee", "hung up after " + d.toMillis() + " ms");
                          finish(CallStatus.COMPLETED);
                        },
                        nanos(d),
                        TimeUnit.NANOSECONDS));
  }

  private boolean tick() {
    if (snapshot.status().isTerminal()) {
      return false;
    }
    line.tick(program.stream(), program.markEcho(), digitNote);
    program.ticked();
    return !snapshot.status().isTerminal();
  }

  /** Ends the call with {@code terminal} (once): callbacks, the callee told, {@link #ended()}. */
  void finish(CallStatus terminal) {
    if (snapshot.status().isTerminal()) {
      return;
    }
    cancel(timer);
    cancel(hangUpTimer);
    program.stop();
    snapshot = snapshot.ended(terminal, now());
    note("ended", terminal.wire());
    callbacks.send("completed", terminal.wire(), snapshot, snapshot.answeredBy());
    if (answered) {
      try {
        callee.onCallEnded();
      } catch (RuntimeException e) {
        log.warn("call {}: callee failed on end", sid(), e);
      }
    }
    ended.complete(snapshot);
  }

  void setStatus(CallStatus status) {
    snapshot = snapshot.with(status, now());
  }

  /** Runs {@code action} on the call's loop after {@code delay}, unless the call has ended. */
  void later(Duration delay, Runnable action) {
    timer =
        loop.schedule(
            () -> {
              if (!snapshot.status().isTerminal()) {
                action.run();
              }
            },
            nanos(delay),
            TimeUnit.NANOSECONDS);
  }

  /** Adds an event to the call's recording. */
  void note(String type, String detail) {
    recording.event(now(), line.frameIndex(), type, detail);
  }

  /** Runs {@code action} on the call's loop, unless the call has ended by then. */
  void execute(Runnable action) {
    loop.execute(
        () -> {
          if (!snapshot.status().isTerminal()) {
            action.run();
          }
        });
  }

  private Instant now() {
    return services.config().clock().instant();
  }

  private <T> CompletableFuture<T> onLoop(java.util.concurrent.Callable<T> action) {
    CompletableFuture<T> result = new CompletableFuture<>();
    loop.execute(
        () -> {
          try {
            result.complete(action.call());
          } catch (Exception e) {
            result.completeExceptionally(e);
          }
        });
    return result;
  }

  private static void cancel(ScheduledFuture<?> f) {
    if (f != null) {
      f.cancel(false);
    }
  }

  private static long nanos(Duration d) {
    return d.toNanos();
  }

  private final class Context implements CalleeContext {
    @Override
    public String callSid() {
      return sid();
    }

    @Override
    public long frameIndex() {
      return line.frameIndex();
    }

    @Override
    public boolean streamOpen() {
      return program.stream() != null && program.stream().isStarted();
    }

    @Override
    public boolean applicationPending() {
      return !applicationReached && !snapshot.status().isTerminal();
    }

    @Override
    public void pressDigits(String digits) {
      line.pressDigits(digits);
    }

    @Override
    public void hangUp() {
      EmulatedCall.this.note("callee", "hung up");
      finish(CallStatus.COMPLETED);
    }

    @Override
    public void note(String what) {
      EmulatedCall.this.note("callee", what);
      dial.calleeNoted(what);
    }
  }
}
