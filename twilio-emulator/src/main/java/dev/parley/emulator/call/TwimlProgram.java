package dev.parley.emulator.call;

import dev.parley.emulator.callee.SimulatedCallee;
import dev.parley.emulator.stream.MediaStreamSession;
import dev.parley.emulator.stream.PlayoutBuffer;
import dev.parley.emulator.twiml.TwimlException;
import dev.parley.emulator.twiml.TwimlParser;
import dev.parley.emulator.twiml.TwimlVerb;
import io.netty.channel.EventLoop;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SIMULATION ONLY: an answered call's TwiML, as Twilio runs it: fetches the document (or takes it
 * inline), runs its verbs in order ({@code <Say>}, {@code <Pause>}, {@code <Hangup>}, {@code
 * <Reject>}, {@code <Connect><Stream>}) and holds the Media Stream while a {@code <Connect>} lasts;
 * the document's end, or a failed fetch, ends the call. Confined to the call's event loop, like the
 * {@link EmulatedCall} it runs for.
 */
final class TwimlProgram {

  private static final Logger log = LoggerFactory.getLogger(TwimlProgram.class);

  private final EmulatedCall call;
  private final EventLoop loop;
  private final CallServices services;
  private final StatusCallbacks callbacks;
  private final SimulatedCallee callee;
  private final PlayoutBuffer playout;
  private final MediaStreamSession.Listener streamEvents = new StreamEvents();
  private final PlayoutBuffer.MarkListener markEcho = this::echoMark;

  private List<TwimlVerb> verbs = List.of();
  private int pc;

  /** Bumped whenever what runs changes (a new document, the call's end): stale results drop. */
  private int generation;

  private boolean sayPlaying;
  private MediaStreamSession stream;

  TwimlProgram(
      EmulatedCall call,
      EventLoop loop,
      CallServices services,
      StatusCallbacks callbacks,
      SimulatedCallee callee,
      PlayoutBuffer playout) {
    this.call = call;
    this.loop = loop;
    this.services = services;
    this.callbacks = callbacks;
    this.callee = callee;
    this.playout = playout;
  }

  /** The Media Stream a {@code <Connect><Stream>} opened, or null. */
  MediaStreamSession stream() {
    return stream;
  }

  /** Where the line's played marks go: echoed on the stream. */
  PlayoutBuffer.MarkListener markEcho() {
    return markEcho;
  }

  /**
   * Runs the TwiML at {@code url} (fetched with the call's parameters) or the inline {@code twiml},
   * in place of whatever ran before.
   */
  void fetch(Optional<String> url, String method, Optional<String> twiml) {
    int gen = ++generation;
    verbs = List.of();
    pc = 0;
    sayPlaying = false;
    if (twiml.isPresent()) {
      runDocument(twiml.get());
      return;
    }
    CallSnapshot snapshot = call.snapshot();
    services
        .webhooks()
        .send(url.orElseThrow(), method, callbacks.baseParams(snapshot, snapshot.answeredBy()))
        .whenComplete(
            (response, error) ->
                loop.execute(
                    () -> {
                      if (stale(gen)) {
                        return;
                      }
                      if (error != null || !response.ok()) {
                        String why = error != null ? error.toString() : "HTTP " + response.status();
                        call.note("twiml", "fetch failed: " + why);
                        log.warn(
                            "call {}: TwiML fetch from {} failed: {}", call.sid(), url.get(), why);
                        call.finish(CallStatus.COMPLETED);
                        return;
                      }
                      runDocument(response.body());
                    }));
  }

  /** Runs verbs already parsed (an inbound call's Voice URL answer). */
  void run(List<TwimlVerb> parsed) {
    verbs = parsed;
    pc = 0;
    call.note("twiml", verbs.size() + " verbs");
    runNext();
  }

  /** After the line's 20 ms tick: a {@code <Say>} that has played out moves the program on. */
  void ticked() {
    if (sayPlaying && playout.isIdle()) {
      sayPlaying = false;
      runNext();
    }
  }

  /** Stops what runs (the call ended): the stream stops, pending results are dropped. */
  void stop() {
    generation++;
    stopStream();
  }

  /** Stops the stream, if one is open, and drops what is queued to play. */
  void stopStream() {
    if (stream != null) {
      call.note("stream-stop", stream.streamSid());
      stream.stop();
      stream = null;
    }
    playout.discard();
  }

  private boolean stale(int gen) {
    return gen != generation || call.snapshot().status().isTerminal();
  }

  private void runDocument(String xml) {
    try {
      run(TwimlParser.parse(xml));
    } catch (TwimlException e) {
      call.note("twiml", "invalid: " + e.getMessage());
      log.warn("call {}: {}", call.sid(), e.getMessage());
      call.finish(CallStatus.COMPLETED);
    }
  }

  private void runNext() {
    int gen = generation;
    while (!call.snapshot().status().isTerminal()) {
      if (pc >= verbs.size()) {
        call.note("twiml", "end of document");
        call.finish(CallStatus.COMPLETED);
        return;
      }
      TwimlVerb verb = verbs.get(pc++);
      if (!(verb instanceof TwimlVerb.ConnectStream)) {
        call.applicationReached();
      }
      if (verb instanceof TwimlVerb.Say say) {
        call.note("say", say.text());
        CompletableFuture.supplyAsync(
                () -> services.callees().audioSource().synthesize(say.text()), services.synthesis())
            .whenComplete(
                (audio, error) ->
                    loop.execute(
                        () -> {
                          if (stale(gen)) {
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
        call.note("twiml", "Hangup");
        call.finish(CallStatus.COMPLETED);
        return;
      } else if (verb instanceof TwimlVerb.Reject) {
        // Only a first verb can refuse to answer; on an answered call Reject hangs up.
        call.note("twiml", "Reject on an answered call: hang up");
        call.finish(CallStatus.COMPLETED);
        return;
      } else if (verb instanceof TwimlVerb.ConnectStream connect) {
        call.note("stream-connect", connect.url());
        stream =
            services
                .streams()
                .connect(loop, connect.url(), call.sid(), connect.parameters(), streamEvents);
        return;
      } else if (verb instanceof TwimlVerb.Unsupported unsupported) {
        call.note("twiml", "unsupported verb skipped: " + unsupported.name());
      }
    }
  }

  private void echoMark(String name) {
    if (stream != null) {
      stream.echoMark(name);
      call.note("mark-echo", name);
    }
  }

  /** What the application sends on the stream, on the call's loop. */
  private final class StreamEvents implements MediaStreamSession.Listener {
    @Override
    public void onStreamStarted(MediaStreamSession session) {
      call.note("stream-start", session.streamSid());
      call.applicationReached();
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
      call.note("clear", "");
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
      call.note("stream-closed", reason);
      runNext();
    }
  }
}
