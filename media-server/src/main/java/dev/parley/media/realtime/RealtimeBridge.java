package dev.parley.media.realtime;

import dev.parley.media.playout.OutboundPlayout;
import dev.parley.media.realtime.RealtimeServerEvent.AudioDelta;
import dev.parley.media.realtime.RealtimeServerEvent.AudioDone;
import dev.parley.media.realtime.RealtimeServerEvent.AudioTranscriptDelta;
import dev.parley.media.realtime.RealtimeServerEvent.AudioTranscriptDone;
import dev.parley.media.realtime.RealtimeServerEvent.FunctionCallDone;
import dev.parley.media.realtime.RealtimeServerEvent.InputTranscript;
import dev.parley.media.realtime.RealtimeServerEvent.OutputItemAdded;
import dev.parley.media.realtime.RealtimeServerEvent.ResponseCreated;
import dev.parley.media.realtime.RealtimeServerEvent.ResponseDone;
import dev.parley.media.realtime.RealtimeServerEvent.SessionUpdated;
import dev.parley.media.realtime.RealtimeServerEvent.SpeechStarted;
import dev.parley.media.realtime.RealtimeServerEvent.SpeechStopped;
import dev.parley.protocol.BargeIn;
import dev.parley.protocol.ProtocolLimits;
import dev.parley.protocol.ToolResult;
import dev.parley.protocol.Transcript;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A speech-to-speech call: the callee's μ-law goes to the OpenAI Realtime API as it arrives, the
 * model's μ-law comes back through the call's playout, and the two sides' events meet here.
 *
 * <ul>
 *   <li><b>Barge-in.</b> Server VAD's {@code speech_started} while our audio plays (or a response
 *       is being generated) clears Twilio, cancels the response, truncates the assistant item at
 *       the ms the callee heard (from the mark echoes) and reports BARGE_IN.
 *   <li><b>Transcripts.</b> Both sides go out as TRANSCRIPT, one final result per utterance, each
 *       naming its speaker. One counter numbers every utterance of the call in speaking order,
 *       whoever spoke, and an agent utterance's seq is also its utterance id in UTTERANCE_PLAYED
 *       and BARGE_IN, so the control plane can cut the agent's line to what was heard.
 *   <li><b>Tools.</b> A function call becomes TOOL_CALL; its TOOL_RESULT goes back as a {@code
 *       function_call_output} item, and once no call is outstanding and the response is over, a
 *       {@code response.create} lets the model go on. {@value RealtimeTools#HANG_UP} also ends the
 *       call after the response's audio has played.
 *   <li><b>Teardown.</b> A dropped or refused socket, or a rejected session, ends the call with
 *       MEDIA_ERROR and the reason; what the agent had said so far is sent as its final transcript
 *       first, so nothing is lost.
 * </ul>
 *
 * <p>Event loop only: the socket runs on the call's loop, so no method needs a lock. Per inbound
 * frame it allocates one pooled buffer (the append event), a heap copy only while connecting.
 */
public final class RealtimeBridge implements RealtimeClient.Listener {

  private static final Logger log = LoggerFactory.getLogger(RealtimeBridge.class);

  private static final int MAX_TEXT_BYTES = ProtocolLimits.DEFAULT.maxTextBytes();

  /** One callee utterance as server VAD delimited it. */
  private record CalleeItem(int seq, int startMs, int[] endMs) {}

  private final RealtimeCall call;
  private final RealtimeConfig config;
  private final String instructions;
  private final String greeting;
  private final String language;
  private final boolean bargeInAllowed;
  private final long startNanos = System.nanoTime();
  private final HeldAudio heldAudio = new HeldAudio();
  private final AgentItems agentItems = new AgentItems();
  private final Map<String, CalleeItem> calleeItems = new HashMap<>();
  private final RealtimeToolCalls tools;
  private final Set<String> cancelledResponses = new HashSet<>();

  private RealtimeClient client;
  private boolean connected;
  private boolean sessionReady;
  private boolean closed;
  private String activeResponse;
  private boolean responseWanted;
  private int nextSeq = 1;
  private long droppedDeltas;
  private long providerErrors;

  /**
   * @param instructions the task's plan (SESSION_START instructions), the model's prompt
   * @param greeting what to say first, or empty to wait for the callee
   * @param language BCP 47 language of the call (for transcription)
   * @param bargeInAllowed whether the callee may interrupt (SESSION_START tuning)
   */
  public RealtimeBridge(
      RealtimeCall call,
      RealtimeConfig config,
      String instructions,
      String greeting,
      String language,
      boolean bargeInAllowed) {
    this.call = call;
    this.config = config;
    this.instructions = instructions;
    this.greeting = greeting;
    this.language = language;
    this.bargeInAllowed = bargeInAllowed;
    this.tools = new RealtimeToolCalls(call.callId());
  }

  /** Opens the provider socket; audio sent before it is up is held (up to 5 s). */
  public void open() {
    client = RealtimeClient.connect(config, call.eventLoop(), call.channelClass(), this);
  }

  // ---- from the call ---------------------------------------------------------------------

  /** One inbound frame of the callee's μ-law, straight from Twilio. */
  public void inboundAudio(byte[] mulaw, int off, int len) {
    if (closed) {
      return;
    }
    if (connected) {
      client.sendAudio(mulaw, off, len);
      return;
    }
    heldAudio.hold(mulaw, off, len);
  }

  /** TOOL_RESULT from the control plane. */
  public void toolResult(ToolResult result) {
    if (closed) {
      return;
    }
    String providerId = tools.answer(result.toolCallId());
    if (providerId == null) {
      log.warn(
          "call {}: TOOL_RESULT for unknown or answered tool call {}",
          call.callId(),
          result.toolCallId());
      return;
    }
    client.send(RealtimeClientEvents.functionCallOutput(providerId, result.outputJson()));
    responseWanted = true;
    maybeRespond();
  }

  /**
   * Closes the provider socket at teardown; the agent's words not yet reported go out as final
   * transcripts first. Idempotent.
   */
  public void close() {
    if (closed) {
      return;
    }
    flushAgentTranscripts();
    closed = true;
    heldAudio.clear();
    if (client != null) {
      client.close();
    }
    log.info(
        "call {}: realtime closed; events in {}, out {}, provider errors {}, dropped frames {},"
            + " dropped deltas {}",
        call.callId(),
        client == null ? 0 : client.eventsIn(),
        client == null ? 0 : client.eventsOut(),
        providerErrors,
        heldAudio.dropped(),
        droppedDeltas);
  }

  public boolean closed() {
    return closed;
  }

  public long providerErrors() {
    return providerErrors;
  }

  // ---- from the provider socket ----------------------------------------------------------

  @Override
  public void connected() {
    if (closed) {
      return;
    }
    connected = true;
    client.send(RealtimeClientEvents.sessionUpdate(config, instructions, language));
    heldAudio.sendTo(client);
    if (!greeting.isBlank()) {
      client.send(
          RealtimeClientEvents.responseCreate(
              "Open the call by saying, in the call's language and nothing else: " + greeting));
    }
  }

  @Override
  public void closed(String reason) {
    if (closed) {
      return;
    }
    log.warn("call {}: {}", call.callId(), reason);
    close();
    call.fail(reason);
  }

  @Override
  public void event(RealtimeServerEvent event) {
    if (closed) {
      return;
    }
    if (event instanceof AudioDelta d) {
      audio(d);
    } else if (event instanceof AudioTranscriptDelta d) {
      AgentUtterance item = agentItems.get(d.itemId());
      if (item == null) {
        agentItems.wordsBefore(d.itemId()).append(d.delta());
      } else if (!item.transcriptSent) {
        item.text.append(d.delta());
      }
    } else if (event instanceof SpeechStarted s) {
      speechStarted(s);
    } else if (event instanceof SpeechStopped s) {
      speechStopped(s);
    } else if (event instanceof InputTranscript t) {
      calleeTranscript(t);
    } else if (event instanceof ResponseCreated r) {
      activeResponse = r.responseId();
      if (tools.hangingUp() && cancelledResponses.add(r.responseId())) {
        // Server VAD answers the callee's words during the goodbye with a new response: the call
        // is ending, so it is cancelled, and nothing of it is played or carried out.
        client.send(RealtimeClientEvents.responseCancel(r.responseId()));
      }
    } else if (event instanceof OutputItemAdded i) {
      tools.itemAdded(i);
    } else if (event instanceof AudioDone d) {
      AgentUtterance item = agentItems.get(d.itemId());
      if (item != null) {
        finish(item);
      }
    } else if (event instanceof AudioTranscriptDone d) {
      agentTranscript(d);
    } else if (event instanceof FunctionCallDone f) {
      functionCall(f);
    } else if (event instanceof ResponseDone r) {
      responseDone(r);
    } else if (event instanceof SessionUpdated) {
      sessionReady = true;
    } else if (event instanceof RealtimeServerEvent.Error e) {
      providerError(e);
    } else if (event instanceof RealtimeServerEvent.RateLimits r) {
      log.debug("call {}: realtime rate limits {}", call.callId(), r.summary());
    } else if (event instanceof RealtimeServerEvent.SessionCreated c) {
      log.debug("call {}: realtime session {}", call.callId(), c.sessionId());
    }
  }

  // ---- the callee ------------------------------------------------------------------------

  private void speechStarted(SpeechStarted s) {
    calleeItems.put(s.itemId(), new CalleeItem(nextSeq++, s.audioStartMs(), new int[] {-1}));
    call.send(new dev.parley.protocol.SpeechStarted(call.callId(), s.audioStartMs()));
    if (bargeInAllowed && (call.playing() || activeResponse != null)) {
      bargeIn(s.audioStartMs());
    }
  }

  private void bargeIn(int atMs) {
    OutboundPlayout.Interruption cut = call.interruptPlayout();
    if (activeResponse != null && cancelledResponses.add(activeResponse)) {
      client.send(RealtimeClientEvents.responseCancel(activeResponse));
    }
    // Whatever the model still sends for the cut items or the cancelled response is not played.
    for (AgentUtterance item : agentItems.all()) {
      if (!item.cut && (cancelledResponses.contains(item.responseId) || !item.finished)) {
        item.cut = true;
      }
    }
    if (cut == null) {
      return;
    }
    AgentUtterance item = agentItems.byUtterance(cut.utteranceId());
    int heard = cut.heardMs();
    if (item != null) {
      item.cut = true;
      // The provider refuses an end past the audio it generated.
      int end = Math.min(heard, item.audioMs);
      client.send(RealtimeClientEvents.truncate(item.itemId, item.contentIndex, end));
    }
    if (cut.utteranceId() > 0) {
      call.send(new BargeIn(call.callId(), (int) cut.utteranceId(), heard, atMs));
    }
    log.debug("call {}: barge-in at {} ms, heard {} ms of {}", call.callId(), atMs, heard, cut);
  }

  private void speechStopped(SpeechStopped s) {
    CalleeItem c = calleeItems.get(s.itemId());
    if (c != null) {
      c.endMs()[0] = s.audioEndMs();
    }
    call.send(new dev.parley.protocol.SpeechStopped(call.callId(), s.audioEndMs()));
  }

  private void calleeTranscript(InputTranscript t) {
    CalleeItem c = calleeItems.remove(t.itemId());
    String text = Utf8Text.fit(t.transcript().strip(), MAX_TEXT_BYTES);
    if (text.isEmpty()) {
      return;
    }
    int seq = c != null ? c.seq() : nextSeq++;
    int start = c != null ? c.startMs() : streamMs();
    int end = c != null && c.endMs()[0] >= start ? c.endMs()[0] : Math.max(start, streamMs());
    // The Realtime API reports no confidence for its transcription; it is taken as given.
    call.send(
        new Transcript(call.callId(), seq, Transcript.Speaker.CALLEE, true, start, end, 1f, text));
  }

  // ---- the agent -------------------------------------------------------------------------

  private void audio(AudioDelta d) {
    if (cancelledResponses.contains(d.responseId())) {
      droppedDeltas++;
      return;
    }
    AgentUtterance item = agentItems.get(d.itemId());
    if (item == null) {
      int seq = nextSeq++;
      item = agentItems.start(d.itemId(), d.responseId(), d.contentIndex(), seq, streamMs());
      call.startUtterance(seq);
    }
    if (item.cut || item.finished) {
      droppedDeltas++;
      return;
    }
    item.audioMs += d.mulaw().length / 8;
    call.utteranceAudio(item.utteranceId, d.mulaw());
  }

  private void finish(AgentUtterance item) {
    if (!item.finished) {
      item.finished = true;
      if (!item.cut) {
        call.finishUtterance(item.utteranceId);
      }
    }
  }

  private void agentTranscript(AudioTranscriptDone d) {
    AgentUtterance item = agentItems.get(d.itemId());
    if (item == null) {
      StringBuilder words = agentItems.wordsBefore(d.itemId());
      words.setLength(0);
      words.append(d.transcript());
      return;
    }
    if (item.transcriptSent) {
      return;
    }
    item.text.setLength(0);
    item.text.append(d.transcript());
    sendAgentTranscript(item);
  }

  private void sendAgentTranscript(AgentUtterance item) {
    item.transcriptSent = true;
    String text = Utf8Text.fit(item.text.toString().strip(), MAX_TEXT_BYTES);
    if (!text.isEmpty()) {
      call.send(
          new Transcript(
              call.callId(),
              (int) item.utteranceId,
              Transcript.Speaker.AGENT,
              true,
              item.startMs,
              item.startMs + item.audioMs,
              1f,
              text));
    }
    if (item.finished || item.cut) {
      agentItems.forget(item);
    }
  }

  private void flushAgentTranscripts() {
    for (AgentUtterance item : List.copyOf(agentItems.all())) {
      if (!item.transcriptSent) {
        sendAgentTranscript(item);
      }
    }
  }

  private void functionCall(FunctionCallDone f) {
    if (cancelledResponses.contains(f.responseId())) {
      // Arguments of a cancelled response may be cut short: the call is not carried out.
      tools.dropName(f.itemId());
      return;
    }
    RealtimeToolCalls.Outcome o = tools.done(f);
    if (o.toolCall() != null) {
      call.send(o.toolCall());
    } else {
      answerLocally(f.callId(), o.refusal());
    }
  }

  private void answerLocally(String providerCallId, String error) {
    log.warn("call {}: function call {} refused: {}", call.callId(), providerCallId, error);
    client.send(
        RealtimeClientEvents.functionCallOutput(providerCallId, RealtimeToolCalls.error(error)));
    responseWanted = true;
  }

  private void responseDone(ResponseDone r) {
    if (r.responseId().equals(activeResponse)) {
      activeResponse = null;
    }
    for (AgentUtterance item : List.copyOf(agentItems.all())) {
      if (item.responseId.equals(r.responseId())) {
        finish(item);
        if (item.transcriptSent) {
          agentItems.forget(item);
        }
      }
    }
    if (tools.hangUpReason() != null) {
      call.hangUpAfterPlayout(tools.hangUpReason());
      return;
    }
    maybeRespond();
  }

  /**
   * Asks for the next response once every tool result is in and no response is running; never once
   * the model has hung up (a result of a call made before the hang-up still goes back to it, but
   * the model says nothing more).
   */
  private void maybeRespond() {
    if (tools.hangingUp()) {
      responseWanted = false;
      return;
    }
    if (responseWanted && !tools.outstanding() && activeResponse == null) {
      responseWanted = false;
      client.send(RealtimeClientEvents.responseCreate(""));
    }
  }

  private void providerError(RealtimeServerEvent.Error e) {
    providerErrors++;
    log.warn(
        "call {}: realtime error {} {}: {}", call.callId(), e.errorType(), e.code(), e.message());
    if (!sessionReady) {
      // The session was never configured (bad model, bad field): nothing useful can follow.
      closed("realtime session rejected: " + Utf8Text.fit(e.message(), 200));
    }
  }

  // ---- helpers ---------------------------------------------------------------------------

  private int streamMs() {
    return (int) Math.min(Integer.MAX_VALUE, (System.nanoTime() - startNanos) / 1_000_000L);
  }
}
