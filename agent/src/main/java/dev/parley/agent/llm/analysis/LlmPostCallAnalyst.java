package dev.parley.agent.llm.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.agent.analysis.CallAnalysis;
import dev.parley.agent.analysis.CallOutcome;
import dev.parley.agent.analysis.ExtractedDatum;
import dev.parley.agent.analysis.PostCallAnalyst;
import dev.parley.agent.analysis.TranscriptSegment;
import dev.parley.agent.analysis.ValueType;
import dev.parley.agent.llm.Brain;
import dev.parley.agent.llm.BrainListener;
import dev.parley.agent.llm.BrainModel;
import dev.parley.agent.llm.InvalidOutputException;
import dev.parley.agent.llm.StructuredOutput;
import dev.parley.agent.llm.client.LlmException;
import dev.parley.agent.planning.CallPlan;
import dev.parley.agent.planning.CallPlanDocument;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An analyst that asks a chat model for a {@link CallAnalysis} (JSON schema output) from the plan
 * and the transcript, and checks every value is in its type's canonical form. An ending the dialog
 * agent knows for certain (opt-out, wrong number, voicemail, transfer, declined approval) decides
 * the outcome whatever the model says. Invalid output is retried once; then the fallback analyst
 * answers and a {@link dev.parley.agent.llm.Fallback} is reported. Thread-safe.
 */
public final class LlmPostCallAnalyst implements PostCallAnalyst {

  private static final Logger LOG = LoggerFactory.getLogger(LlmPostCallAnalyst.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Hang-up reasons that fix the outcome. */
  private static final Map<String, CallOutcome> CERTAIN =
      Map.of(
          "opt_out", CallOutcome.OPTED_OUT,
          "wrong_number", CallOutcome.WRONG_NUMBER,
          "voicemail_left", CallOutcome.VOICEMAIL,
          "voicemail_skipped", CallOutcome.VOICEMAIL,
          "transferred", CallOutcome.TRANSFERRED,
          "approval_declined", CallOutcome.DECLINED_BY_OWNER);

  private final BrainModel model;
  private final PostCallAnalyst fallback;
  private final BrainListener listener;

  /**
   * @param model the chat model
   * @param fallback analyses when the model cannot (the rule-based analyst)
   * @param listener hears usage and fallbacks
   */
  public LlmPostCallAnalyst(BrainModel model, PostCallAnalyst fallback, BrainListener listener) {
    this.model = model;
    this.fallback = fallback;
    this.listener = listener;
  }

  /** The same analyst reporting to {@code other}. */
  public LlmPostCallAnalyst withListener(BrainListener other) {
    return new LlmPostCallAnalyst(model, fallback, other);
  }

  @Override
  public CallAnalysis analyse(
      CallPlan plan, List<TranscriptSegment> transcript, String hangUpReason) {
    try {
      return StructuredOutput.ask(
          model,
          Brain.ANALYST,
          listener,
          SYSTEM,
          user(plan, transcript, hangUpReason),
          AnalysisSchema.output(),
          answer -> read(answer, hangUpReason));
    } catch (InvalidOutputException invalid) {
      return fallBack(
          plan, transcript, hangUpReason, "invalid output twice: " + invalid.getMessage());
    } catch (LlmException failed) {
      return fallBack(plan, transcript, hangUpReason, failed.kind() + ": " + failed.getMessage());
    }
  }

  private CallAnalysis fallBack(
      CallPlan plan, List<TranscriptSegment> transcript, String hangUpReason, String reason) {
    LOG.warn("analyst model failed, rule-based analyst answers: {}", reason);
    model.fellBack(Brain.ANALYST, reason, listener);
    return fallback.analyse(plan, transcript, hangUpReason);
  }

  private static final String SYSTEM =
      """
      You write up phone calls that Parley, an AI assistant, made for its owner. Answer with one \
      JSON object in the given schema. Take facts only from the callee's words in the transcript; \
      never invent them. Times are ISO-8601 with offset, read in the plan's time zone against the \
      time the words were said; prices are plain decimals. Include sentiment (positive, neutral \
      or negative, as a string) and goal_achieved (boolean). The goal is achieved only when the \
      callee agreed to what the plan asked within its constraints. A follow-up instruction is \
      phrased as an instruction the owner could give for the next call.
      """;

  private static String user(CallPlan plan, List<TranscriptSegment> transcript, String reason) {
    StringBuilder s = new StringBuilder(2048);
    try {
      s.append("Plan: ").append(JSON.writeValueAsString(CallPlanDocument.toMap(plan))).append('\n');
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("a plan document is always serialisable", e);
    }
    s.append("Hang-up reason: ").append(reason == null ? "unknown" : reason).append('\n');
    s.append("Transcript:\n");
    for (TranscriptSegment t : transcript) {
      s.append('[')
          .append(t.start())
          .append("] ")
          .append(t.speaker().name().toLowerCase(Locale.ROOT))
          .append(t.interrupted() ? " (cut off)" : "")
          .append(": ")
          .append(t.text())
          .append('\n');
    }
    return s.toString();
  }

  private static CallAnalysis read(JsonNode a, String hangUpReason) throws InvalidOutputException {
    String summary = a.path("summary").asText("");
    if (summary.isBlank()) {
      throw new InvalidOutputException("summary is empty");
    }
    List<ExtractedDatum> data = new ArrayList<>();
    for (JsonNode d : a.path("data")) {
      String key = d.path("key").asText("");
      if (!AnalysisSchema.KEYS.contains(key)) {
        throw new InvalidOutputException(
            "data key '" + key + "' is not one of " + AnalysisSchema.KEYS);
      }
      ValueType type = valueType(d.path("value_type").asText(""));
      String value = d.path("value").asText("");
      canonical(key, type, value);
      data.add(new ExtractedDatum(key, value, type, d.path("raw").asText("")));
    }
    if (!a.path("goal_achieved").isBoolean() || !a.path("follow_up_required").isBoolean()) {
      throw new InvalidOutputException("goal_achieved and follow_up_required must be booleans");
    }
    CallOutcome outcome = null;
    for (CallOutcome o : CallOutcome.values()) {
      if (o.wireName().equals(a.path("outcome").asText())) {
        outcome = o;
      }
    }
    if (outcome == null) {
      throw new InvalidOutputException("outcome '" + a.path("outcome").asText() + "' is unknown");
    }
    if (hangUpReason != null && CERTAIN.containsKey(hangUpReason)) {
      outcome = CERTAIN.get(hangUpReason);
    }
    JsonNode next = a.path("follow_up_instruction");
    return new CallAnalysis(
        summary,
        List.copyOf(data),
        a.get("goal_achieved").asBoolean(),
        outcome,
        a.get("follow_up_required").asBoolean(),
        next.isTextual() && !next.asText().isBlank() ? next.asText() : null);
  }

  private static ValueType valueType(String wire) throws InvalidOutputException {
    for (ValueType t : ValueType.values()) {
      if (t.wireName().equals(wire)) {
        return t;
      }
    }
    throw new InvalidOutputException("value_type '" + wire + "' is unknown");
  }

  private static void canonical(String key, ValueType type, String value)
      throws InvalidOutputException {
    try {
      switch (type) {
        case NUMBER -> new BigDecimal(value);
        case DATETIME -> {
          try {
            OffsetDateTime.parse(value);
          } catch (DateTimeParseException notOffset) {
            ZonedDateTime.parse(value);
          }
        }
        case BOOLEAN -> {
          if (!value.equals("true") && !value.equals("false")) {
            throw new IllegalArgumentException("not true or false");
          }
        }
        case JSON -> JSON.readTree(value);
        case STRING -> {
          if (value.isBlank()) {
            throw new IllegalArgumentException("empty");
          }
        }
      }
    } catch (RuntimeException | com.fasterxml.jackson.core.JsonProcessingException bad) {
      throw new InvalidOutputException(
          key + " value '" + value + "' is not a canonical " + type.wireName());
    }
  }
}
