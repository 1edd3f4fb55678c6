package dev.parley.emulator.call;

import dev.parley.emulator.callee.CalleeBehaviour;
import dev.parley.emulator.callee.CalleeContext;
import dev.parley.emulator.callee.SimulatedCallee;
import dev.parley.emulator.stream.MediaStreamSession;
import dev.parley.emulator.stream.PlayoutBuffer;
import dev.parley.emulator.twiml.TwimlException;
import dev.parley.emulator.twiml.TwimlParser;
import dev.parley.emulator.twiml.TwimlVerb;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SIMULATION ONLY: one emulated call, outbound (created on the REST API) or inbound (a simulated
 * caller dialling one of the account's numbers), from create to its terminal status.
 *
 * <p>Plays Twilio's part: status callbacks, the TwiML fetch and its verbs, the Media Stream, and
 * the line to the {@link SimulatedCallee}, who is the person at the far end in both directions (the
 * callee of an outbound call, the caller of an inbound one). Everything mutable is confined to the
 * call's event loop; other threads see the published {@link #snapshot()} and the {@link
 * #recording()}, and reach the call through methods that hop onto the loop.
 */
public final class EmulatedCall {

  private static final Logger log = LoggerFactory.getLogger(EmulatedCall.class);

  /** Longest wait for a voicemail greeting to end under DetectMessageEnd (Twilio's default). */
  private static final Duration MESSAGE_END_LIMIT = Duration.ofSeconds(30);

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
  private final PlayoutBuffer playout;
  private final CalleeContext calleeContext = new Context();
  private final MediaStreamSession.Listener streamEvents = new StreamEvents();
  private final PlayoutBuffer.MarkListener markEcho = this::echoMark;
  private final CallAudioPath.DigitListener digitNote = d -> note("dtmf", String.valueOf(d));
  private MediaStreamSession stream;
  private boolean answered;
  private boolean awaitingMessageEnd;
  private ScheduledFuture<?> timer;
  private ScheduledFuture<?> hangUpTimer;

  private List<TwimlVerb> program = List.of();
  private int pc;
  private int generation;
  private boolean sayPlaying;

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
    this.playout = line.playout();
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
          stopStream();
          startProgram(url, method, twiml);
          return snapshot;
        });
  }

  void start() {
    if (request.direction() == CallDirection.INBOUND) {
      later(services.config().dialDelay(), this::ringInbound);
      return;
    }
    timer =
        loop.schedule(this::initiate, nanos(services.config().dialDelay()), TimeUnit.NANOSECONDS);
  }

  /**
   * An incoming call rings while Twilio asks the number's Voice URL what to do: {@code <Reject>}
   * first leaves it unanswered, anything else answers it and runs; a webhook that fails or answers
   * non-2xx or invalid TwiML ends it {@code failed} (the caller would hear Twilio's application
   * error message).
   */
  private void ringInbound() {
    setStatus(CallStatus.RINGING);
    int gen = ++generation;
    String url = request.url().orElseThrow();
    services
        .webhooks()
        .send(url, request.method(), callbacks.baseParams(snapshot, Optional.empty()))
        .whenComplete(
            (response, error) ->
                loop.execute(
                    () -> {
                      if (gen != generation || snapshot.status().isTerminal()) {
                        return;
                      }
                      if (error != null || !response.ok()) {
                        String why = error != null ? error.toString() : "HTTP " + response.status();
                        applicationError(url, "fetch failed: " + why);
                        return;
                      }
                      List<TwimlVerb> verbs;
                      try {
                        verbs = TwimlParser.parse(response.body());
                      } catch (TwimlException e) {
                        applicationError(url, "invalid: " + e.getMessage());
                        return;
                      }
                      if (!verbs.isEmpty() && verbs.get(0) instanceof TwimlVerb.Reject reject) {
                        note("twiml", reject.busy() ? "Reject busy" : "Reject rejected");
                        finish(reject.busy() ? CallStatus.BUSY : CallStatus.NO_ANSWER);
                        return;
                      }
                      connectLine(Optional.empty());
                      program = verbs;
                      pc = 0;
                      note("twiml", program.size() + " verbs");
                      runNext();
                    }));
  }

  private void applicationError(String url, String why) {
    note("twiml", why);
    log.warn("inbound call {}: voice webhook {}: {}", sid(), url, why);
    finish(CallStatus.FAILED);
  }

  private void initiate() {
    callbacks.send("initiated", "initiated", snapshot, behaviourAnsweredBy());
    switch (behaviour.outcome()) {
      case FAILED -> later(behaviour.ringFor(), () -> finish(CallStatus.FAILED));
      case BUSY -> later(behaviour.ringFor(), () -> finish(CallStatus.BUSY));
      default -> later(services.config().ringDelay(), this::ring);
    }
  }

  private void ring() {
    setStatus(CallStatus.RINGING);
    callbacks.send("ringing", "ringing", snapshot, Optional.empty());
    Duration timeout = Duration.ofSeconds(request.timeoutSeconds());
    if (!behaviour.answers() || behaviour.ringFor().compareTo(timeout) >= 0) {
      later(timeout, () -> finish(CallStatus.NO_ANSWER));
    } else {
      later(behaviour.ringFor(), this::answer);
    }
  }

  private void answer() {
    connectLine(behaviourAnsweredBy());
    if (snapshot.answeredBy().filter("machine_end_beep"::equals).isPresent()) {
      // DetectMessageEnd: Twilio connects only once the greeting has ended with its beep, so a
      // voicemail drop lands after the tone. The callee signals it; a timer guards silent ones.
      awaitingMessageEnd = true;
      later(MESSAGE_END_LIMIT, this::messageEnded);
    } else {
      startProgram(request.url(), request.method(), request.twiml());
    }
  }

  /** The call is answered: the far end is on the line and the media clock ticks it. */
  private void connectLine(Optional<String> answeredBy) {
    answered = true;
    snapshot = snapshot.answered(now(), answeredBy);
    callbacks.send("answered", "in-progress", snapshot, snapshot.answeredBy());
    note("answered", snapshot.answeredBy().orElse(""));
    callee.onAnswered(calleeContext);
    services.mediaClock().register(loop, this::tick);
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

  private void messageEnded() {
    if (awaitingMessageEnd) {
      awaitingMessageEnd = false;
      note("twiml", "message end detected");
      startProgram(request.url(), request.method(), request.twiml());
    }
  }

  private Optional<String> behaviourAnsweredBy() {
    if (request.machineDetection().isEmpty() || !behaviour.answers()) {
      return Optional.empty();
    }
    if (behaviour.outcome() == CalleeBehaviour.Outcome.ANSWER_HUMAN) {
      return Optional.of("human");
    }
    return Optional.of(
        "DetectMessageEnd".equals(request.machineDetection().get())
            ? "machine_end_beep"
            : "machine_start");
  }

  private void startProgram(Optional<String> url, String method, Optional<String> twiml) {
    int gen = ++generation;
    program = List.of();
    pc = 0;
    sayPlaying = false;
    if (twiml.isPresent()) {
      runDocument(twiml.get());
      return;
    }
    services
        .webhooks()
        .send(url.orElseThrow(), method, callbacks.baseParams(snapshot, snapshot.answeredBy()))
        .whenComplete(
            (response, error) ->
                loop.execute(
                    () -> {
                      if (gen != generation || snapshot.status().isTerminal()) {
                        return;
                      }
                      if (error != null || !response.ok()) {
                        String why = error != null ? error.toString() : "HTTP " + response.status();
                        note("twiml", "fetch failed: " + why);
                        log.warn("call {}: TwiML fetch from {} failed: {}", sid(), url.get(), why);
                        finish(CallStatus.COMPLETED);
                        return;
                      }
                      runDocument(response.body());
                    }));
  }

  private void runDocument(String xml) {
    try {
      program = TwimlParser.parse(xml);
      pc = 0;
      note("twiml", program.size() + " verbs");
      runNext();
    } catch (TwimlException e) {
      note("twiml", "invalid: " + e.getMessage());
      log.warn("call {}: {}", sid(), e.getMessage());
      finish(CallStatus.COMPLETED);
    }
  }

  private void runNext() {
    int gen = generation;
    while (!snapshot.status().isTerminal()) {
      if (pc >= program.size()) {
        note("twiml", "end of document");
        finish(CallStatus.COMPLETED);
        return;
      }
      TwimlVerb verb = program.get(pc++);
      if (verb instanceof TwimlVerb.Say say) {
        note("say", say.text());
        CompletableFuture.supplyAsync(
                () -> services.callees().audioSource().synthesize(say.text()), services.synthesis())
            .whenComplete(
                (audio, error) ->
                    loop.execute(
                        () -> {
                          if (gen != generation || snapshot.status().isTerminal()) {
                            return;
                          }
                          playout.enqueueAudio(audio != null ? audio : new byte[0]);
                          sayPlaying = true;
                        }));
        return;
      } else if (verb instanceof TwimlVerb.Pause pause) {
        loop.schedule(
            () -> {
              if (gen == generation) {
                runNext();
              }
            },
            pause.seconds(),
            TimeUnit.SECONDS);
        return;
      } else if (verb instanceof TwimlVerb.Hangup) {
        note("twiml", "Hangup");
        finish(CallStatus.COMPLETED);
        return;
      } else if (verb instanceof TwimlVerb.Reject) {
        // Only a first verb can refuse to answer; on an answered call Reject hangs up.
        note("twiml", "Reject on an answered call: hang up");
        finish(CallStatus.COMPLETED);
        return;
      } else if (verb instanceof TwimlVerb.ConnectStream connect) {
        note("stream-connect", connect.url());
        stream =
            services
                .streams()
                .connect(loop, connect.url(), sid(), connect.parameters(), streamEvents);
        return;
      } else if (verb instanceof TwimlVerb.Unsupported unsupported) {
        note("twiml", "unsupported verb skipped: " + unsupported.name());
      }
    }
  }

  private boolean tick() {
    if (snapshot.status().isTerminal()) {
      return false;
    }
    line.tick(stream, markEcho, digitNote);
    if (sayPlaying && playout.isIdle()) {
      sayPlaying = false;
      runNext();
    }
    return !snapshot.status().isTerminal();
  }

  /** What the application sends on the stream, on the call's loop. */
  private final class StreamEvents implements MediaStreamSession.Listener {
    @Override
    public void onStreamStarted(MediaStreamSession session) {
      note("stream-start", session.streamSid());
      callee.onStreamStarted();
    }

    @Override
    public void onAudio(byte[] ulaw) {
      playout.enqueueAudio(ulaw);
      callee.onApplicationAudio(ulaw.length);
    }

    @Override
    public void onMark(String name) {
      playout.enqueueMark(name);
    }

    @Override
    public void onClear() {
      note("clear", "");
      playout.clear(markEcho);
      callee.onClear();
    }

    @Override
    public void onStreamClosed(MediaStreamSession session, String reason) {
      if (session != stream) {
        return;
      }
      stream = null;
      playout.discard();
      note("stream-closed", reason);
      runNext();
    }
  }

  private void echoMark(String name) {
    if (stream != null) {
      stream.echoMark(name);
      note("mark-echo", name);
    }
  }

  private void stopStream() {
    if (stream != null) {
      note("stream-stop", stream.streamSid());
      stream.stop();
      stream = null;
    }
    playout.discard();
  }

  private void finish(CallStatus terminal) {
    if (snapshot.status().isTerminal()) {
      return;
    }
    generation++;
    cancel(timer);
    cancel(hangUpTimer);
    stopStream();
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

  private void setStatus(CallStatus status) {
    snapshot = snapshot.with(status, now());
  }

  private void later(Duration delay, Runnable action) {
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

  private void note(String type, String detail) {
    recording.event(now(), line.frameIndex(), type, detail);
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
      return stream != null && stream.isStarted();
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
      if (awaitingMessageEnd && "finished line".equals(what)) {
        messageEnded();
      }
    }
  }
}
