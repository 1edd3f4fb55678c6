package dev.parley.control.conversation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.control.conversation.CallContexts.CallContext;
import dev.parley.protocol.BargeIn;
import dev.parley.protocol.CallStats;
import dev.parley.protocol.DtmfReceived;
import dev.parley.protocol.ErrorMessage;
import dev.parley.protocol.Hangup;
import dev.parley.protocol.ProtocolMessage;
import dev.parley.protocol.SendDtmf;
import dev.parley.protocol.SessionEnd;
import dev.parley.protocol.SpeechStarted;
import dev.parley.protocol.SpeechStopped;
import dev.parley.protocol.ToolCall;
import dev.parley.protocol.ToolResult;
import dev.parley.protocol.Transcript;
import dev.parley.protocol.UtterancePlayed;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One speech-to-speech call in the control plane. The model on the media node holds the
 * conversation, so no dialog agent runs here; this class keeps the record and does what the model
 * asks: it stores both sides' final transcripts as segments (the agent's cut to what the callee
 * heard when a BARGE_IN stopped it), carries out TOOL_CALLs (record_fact, send_dtmf,
 * request_approval with the owner's in-call decision, add_to_do_not_call, hang_up) and answers them
 * with TOOL_RESULT, and has the call written up from the stored transcript when the session ends.
 * Every method runs on the call's own serial executor.
 */
final class SpeechToSpeechCall {
  private static final Logger log = LoggerFactory.getLogger(SpeechToSpeechCall.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern DIGITS = Pattern.compile("[0-9*#w]{1,32}");
  private static final Pattern DECIMAL = Pattern.compile("\\d{1,9}(\\.\\d{1,2})?");

  /** An agent utterance: its transcript and how much of it played, each known when it arrives. */
  private static final class AgentLine {
    Transcript text;
    Boolean complete;
    int msHeard;
    int atMs;
  }

  private final CallServices services;
  private final CallRecord record;
  private final UUID sessionId;
  private final Executor serial;
  private final Map<Integer, AgentLine> agentLines = new HashMap<>();

  private boolean ended;
  private String hangUpReason;

  /** The node's SESSION_END is queued behind what the executor is doing now. */
  private volatile boolean endPending;

  private ApprovalWait approval;

  SpeechToSpeechCall(
      CallServices services,
      UUID sessionId,
      CallContext context,
      CallBrains brains,
      Executor serial) {
    this.services = services;
    this.record = new CallRecord(services, sessionId, context, brains);
    this.sessionId = sessionId;
    this.serial = serial;
  }

  /** The call's ids, context, stream clock and transcript. */
  CallRecord record() {
    return record;
  }

  UUID sessionId() {
    return sessionId;
  }

  private UUID taskId() {
    return record.taskId();
  }

  /** What the write-up needs, once the session has ended. */
  EndedCall endedCall() {
    return record.ended(hangUpReason, hangUpReason != null ? hangUpReason : "callee_ended");
  }

  /** Hands a node message to the call's executor; the session's end is also flagged at once. */
  void offer(ProtocolMessage message) {
    if (message instanceof SessionEnd) {
      endPending = true;
    }
    serial.execute(() -> handle(message));
  }

  private void handle(ProtocolMessage message) {
    if (ended) {
      return;
    }
    try {
      if (message instanceof Transcript t) {
        transcript(t);
      } else if (message instanceof UtterancePlayed p) {
        played(p.utteranceId(), p.complete(), p.msPlayed(), -1);
      } else if (message instanceof BargeIn b) {
        played(b.utteranceId(), false, b.msHeard(), b.atMs());
      } else if (message instanceof SpeechStarted s) {
        heardFrom(s.atMs());
      } else if (message instanceof SpeechStopped s) {
        heardFrom(s.atMs());
      } else if (message instanceof DtmfReceived) {
        record.markConnected();
      } else if (message instanceof ToolCall c) {
        record.markConnected();
        tool(c);
      } else if (message instanceof CallStats s) {
        record.markConnected(s);
      } else if (message instanceof SessionEnd end) {
        end(end);
      } else if (message instanceof ErrorMessage e) {
        record.event("media.error", Map.of("code", e.code().name(), "text", e.text()));
      }
    } catch (RuntimeException e) {
      log.error("call {}: handling {} failed", sessionId, message.type(), e);
    }
  }

  // ---- the transcript ------------------------------------------------------------------------

  private void transcript(Transcript t) {
    heardFrom(t.endMs()); // a final transcript arrives as its utterance ends
    if (!t.isFinal() || t.text().isBlank()) {
      return;
    }
    if (t.speaker() == Transcript.Speaker.CALLEE) {
      String text = t.text().strip();
      record.calleeSaid(text, t.startMs(), t.endMs(), t.confidence());
      if (hangUpReason != null || endPending) {
        // The model can no longer act on it: a request not to be called again is honoured here.
        record.honourOptOut(text);
      }
      return;
    }
    AgentLine line = agentLines.computeIfAbsent(t.utteranceSeq(), id -> new AgentLine());
    line.text = t;
    settle(t.utteranceSeq(), line);
  }

  /** What the node reported of an agent utterance's playback: all of it, or {@code ms} heard. */
  private void played(int utteranceId, boolean complete, int ms, int bargeInAtMs) {
    record.markConnected();
    AgentLine line = agentLines.computeIfAbsent(utteranceId, id -> new AgentLine());
    if (line.complete != null) {
      return; // a barge-in and the cut utterance's UTTERANCE_PLAYED both report it
    }
    line.complete = complete;
    line.msHeard = ms;
    line.atMs = bargeInAtMs;
    if (bargeInAtMs >= 0) {
      record.event("conversation.barge_in", Map.of("utterance", utteranceId, "ms_heard", ms));
    }
    settle(utteranceId, line);
  }

  /** Stores an agent utterance once both its text and its playback are known. */
  private void settle(int utteranceId, AgentLine line) {
    if (line.text == null || line.complete == null) {
      return;
    }
    agentLines.remove(utteranceId);
    Transcript t = line.text;
    String full = t.text().strip();
    if (line.complete) {
      storeAgent(full, t.startMs(), t.endMs(), false, null, Map.of());
      return;
    }
    // The transcript spans the audio the model generated, so its own pace says what was heard.
    int audioMs = Math.max(1, t.endMs() - t.startMs());
    String heard =
        SpokenUtterance.heardPart(
            full, line.msHeard, (double) audioMs / Math.max(1, full.length()));
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("full_text", full);
    if (line.atMs >= 0) {
      meta.put("barge_in", true);
    }
    storeAgent(
        heard,
        t.startMs(),
        t.startMs() + Math.min(line.msHeard, audioMs),
        true,
        line.msHeard,
        meta);
    if (line.atMs >= 0) {
      services.observers().forEach(o -> o.bargeIn(taskId(), sessionId, heard, line.msHeard));
    }
  }

  private void storeAgent(
      String text,
      int startMs,
      int endMs,
      boolean interrupted,
      Integer heardMs,
      Map<String, ?> meta) {
    if (record.agentSaid(text, startMs, endMs, interrupted, heardMs, meta)) {
      services.observers().forEach(o -> o.agentSaid(taskId(), sessionId, text));
    }
  }

  // ---- tools ---------------------------------------------------------------------------------

  private void tool(ToolCall c) {
    JsonNode args;
    try {
      args = JSON.readTree(c.argumentsJson());
    } catch (JsonProcessingException e) {
      answer(c, error("arguments are not JSON: " + e.getOriginalMessage()));
      return;
    }
    if (args == null || !args.isObject()) {
      answer(c, error("arguments must be a JSON object"));
      return;
    }
    record.event(
        "agent.tool_call",
        Map.of("tool", c.name(), "id", c.toolCallId(), "arguments", c.argumentsJson()));
    switch (c.name()) {
      case "record_fact" -> recordFact(c, args);
      case "send_dtmf" -> sendDtmf(c, args);
      case "request_approval" -> requestApproval(c, args);
      case "add_to_do_not_call" -> {
        services.optOut(sessionId, args.path("reason").asText(null));
        record.event("conversation.opted_out", Map.of());
        answer(c, ok("number added to the do-not-call list"));
      }
      case "hang_up" -> hangUp(args.path("reason").asText(""));
      default -> answer(c, error("there is no tool named '" + c.name() + "'"));
    }
  }

  private void recordFact(ToolCall c, JsonNode args) {
    String key = args.path("key").asText("");
    String value = args.path("value").asText("");
    if (key.isBlank() || value.isBlank()) {
      answer(c, error("record_fact needs a key and a value"));
      return;
    }
    record.event("agent.tool.record_fact", Map.of("key", key, "value", value));
    answer(c, ok("recorded " + key));
  }

  private void sendDtmf(ToolCall c, JsonNode args) {
    String digits = args.path("digits").asText("");
    if (!DIGITS.matcher(digits).matches()) {
      answer(c, error("send_dtmf digits '" + digits + "' must be 1-32 of 0-9, *, # and w"));
      return;
    }
    services.send(sessionId, new SendDtmf(sessionId, digits));
    services.observers().forEach(o -> o.digitsSent(taskId(), sessionId, digits));
    record.event("conversation.dtmf_sent", Map.of("digits", digits));
    answer(c, ok("pressed " + digits));
  }

  private void requestApproval(ToolCall c, JsonNode args) {
    String reason = args.path("reason").asText("");
    String amount = args.path("amount").asText("").replace("$", "").replace(",", "").trim();
    if (!DECIMAL.matcher(amount).matches()) {
      answer(c, error("amount '" + amount + "' is not a plain decimal like 240 or 89.99"));
      return;
    }
    if (approval != null) {
      answer(c, error("an approval is already pending; wait for its answer"));
      return;
    }
    BigDecimal value = new BigDecimal(amount);
    UUID approvalId = services.requestApproval(record.context().task(), sessionId, value, reason);
    services
        .observers()
        .forEach(o -> o.approvalRequested(taskId(), sessionId, approvalId, value, reason));
    approval =
        new ApprovalWait(
            services,
            approvalId,
            task ->
                serial.execute(
                    () -> {
                      if (!ended) {
                        task.run();
                      }
                    }),
            () -> services.expireApproval(record.organizationId(), taskId(), sessionId, approvalId),
            d -> {
              approval = null;
              ObjectNode out = JSON.createObjectNode().put("approved", d.approved());
              if (d.timedOut()) {
                out.put("note", "no decision in time");
              }
              answer(c, out.toString());
            });
  }

  private void hangUp(String reason) {
    // The node ends the call itself after the goodbye has played and expects no TOOL_RESULT;
    // HANGUP (which also waits for what is playing) makes sure the call ends either way.
    if (hangUpReason != null) {
      return;
    }
    hangUpReason = reason.isBlank() ? "agent_hung_up" : reason;
    // Stored before the node is told, so the provider's final callback already knows why.
    services.recordHangUpReason(sessionId, hangUpReason);
    services.send(sessionId, new Hangup(sessionId, hangUpReason));
    record.event("conversation.hang_up", Map.of("reason", hangUpReason));
  }

  private void answer(ToolCall c, String outputJson) {
    services.send(sessionId, new ToolResult(sessionId, c.toolCallId(), outputJson));
  }

  private static String ok(String result) {
    return JSON.createObjectNode().put("result", result).toString();
  }

  private static String error(String message) {
    return JSON.createObjectNode().put("error", message).toString();
  }

  // ---- the end -------------------------------------------------------------------------------

  private void end(SessionEnd end) {
    ended = true;
    record.markConnected(end);
    if (approval != null) {
      approval.cancel();
    }
    // Agent lines whose playback the node never confirmed were said but not known to be heard.
    agentLines.entrySet().stream()
        .filter(e -> e.getValue().text != null)
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            e -> {
              Transcript t = e.getValue().text;
              storeAgent(
                  t.text().strip(),
                  t.startMs(),
                  t.endMs(),
                  false,
                  null,
                  Map.of("playback", "unconfirmed"));
            });
    agentLines.clear();
    services.finished(this, end);
  }

  private void heardFrom(int streamMs) {
    record.markConnected();
    record.streamTimeNow(streamMs);
  }
}
