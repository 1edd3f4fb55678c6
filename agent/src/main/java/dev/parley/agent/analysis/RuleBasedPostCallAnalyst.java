package dev.parley.agent.analysis;

import dev.parley.agent.analysis.TranscriptSegment.Speaker;
import dev.parley.agent.language.CallSignal;
import dev.parley.agent.language.CallSignalDetector;
import dev.parley.agent.language.ConfirmationCode;
import dev.parley.agent.language.ConfirmationCodeExtractor;
import dev.parley.agent.language.DateTimeExtractor;
import dev.parley.agent.language.Intent;
import dev.parley.agent.language.IntentClassifier;
import dev.parley.agent.language.MoneyExtractor;
import dev.parley.agent.language.MoneyMention;
import dev.parley.agent.language.NameExtractor;
import dev.parley.agent.language.OptOutDetector;
import dev.parley.agent.language.PersonName;
import dev.parley.agent.language.PhoneMention;
import dev.parley.agent.language.PhoneNumberExtractor;
import dev.parley.agent.language.TemporalMention;
import dev.parley.agent.planning.CallPlan;
import dev.parley.agent.planning.GoalKind;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes up calls from their transcripts with the language extractors: what was agreed (time,
 * price, confirmation number), who was spoken to, what the callee asked the owner to do, whether
 * the goal was met, and what to do next. Works on any transcript, not only the rule-based agent's.
 * Thread-safe.
 */
public final class RuleBasedPostCallAnalyst implements PostCallAnalyst {

  private static final Set<GoalKind> TIMED =
      EnumSet.of(GoalKind.BOOK_APPOINTMENT, GoalKind.MAKE_RESERVATION, GoalKind.RESCHEDULE);
  private static final Pattern CANCELLED =
      Pattern.compile(
          "(?i)\\b(?:cancel(?:l)?ed|been cancel|processed the cancel|taken care of|all set|been removed|terminated)\\b");
  private static final Pattern RESOLVED =
      Pattern.compile(
          "(?i)\\b(?:refund(?:ed)?|credit(?:ed)?|reversed|removed the charge|waive[ds]?|adjusted your bill|taken (?:it|that) off)\\b");
  private static final Pattern INSTRUCTION =
      Pattern.compile(
          "(?i)\\b(?:please (?:arrive|bring|come|call|make sure|fill|send|remember|note)|bring (?:your|a|the)|arrive \\w+|"
              + "make sure|you(?:'ll| will) need to|remember to|don't forget|be sure to|you have to|you need to|"
              + "has to be done|must be done|(?:go|log) (?:online|to our website)|fill out)\\b");
  private static final Pattern POSITIVE =
      Pattern.compile(
          "(?i)\\b(?:great|perfect|wonderful|happy to|glad|thanks|thank you|no problem|sure|absolutely|lovely|awesome|of course|pleasure)\\b");
  private static final Pattern NEGATIVE =
      Pattern.compile(
          "(?i)\\b(?:annoyed|ridiculous|stop calling|not interested|angry|rude|waste|terrible|unacceptable|leave me alone|hang up|scam|busy|can't help)\\b");

  private final Clock clock;
  private final MoneyExtractor money = new MoneyExtractor();
  private final DateTimeExtractor dates = new DateTimeExtractor();
  private final ConfirmationCodeExtractor codes = new ConfirmationCodeExtractor();
  private final NameExtractor names = new NameExtractor();
  private final IntentClassifier intents = new IntentClassifier();
  private final CallSignalDetector signals = new CallSignalDetector();
  private final OptOutDetector optOut = new OptOutDetector();

  /** Creates an analyst; {@code clock} dates a call whose transcript is empty. */
  public RuleBasedPostCallAnalyst(Clock clock) {
    this.clock = clock;
  }

  @Override
  public CallAnalysis analyse(
      CallPlan plan, List<TranscriptSegment> transcript, String hangUpReason) {
    ZoneId zone = plan.plannedAt() != null ? plan.plannedAt().getZone() : clock.getZone();
    Facts f = new Facts();
    List<TranscriptSegment> callee =
        transcript.stream().filter(s -> s.speaker() == Speaker.CALLEE).toList();
    String calleeText = String.join(" ", callee.stream().map(TranscriptSegment::text).toList());

    for (TranscriptSegment s : callee) {
      for (PersonName p : names.people(s.text())) {
        f.people.add(p.display());
      }
      if (f.business == null && !names.businesses(s.text()).isEmpty()) {
        f.business = names.businesses(s.text()).get(0);
      }
      for (MoneyMention m : money.extract(s.text())) {
        f.price = m;
        f.priceAt = transcript.indexOf(s);
      }
      ZonedDateTime ref = s.start().atZone(zone);
      for (TemporalMention m : dates.extract(s.text(), ref)) {
        if (m.hasTime()) {
          boolean inWindow = plan.timeWindow() == null || plan.timeWindow().contains(m.start());
          if (inWindow || f.time == null) {
            f.time = m;
            f.timeInWindow = inWindow;
          }
        }
      }
      ConfirmationCode code = codes.first(s.text());
      if (code != null) {
        f.code = code;
        f.codeAt = transcript.indexOf(s);
      }
      Matcher instruction = INSTRUCTION.matcher(s.text());
      if (instruction.find()) {
        f.instructions.add(sentenceAround(s.text(), instruction.start()));
      }
    }
    // Only a question or a reminder has "the answer"; elsewhere the first reply is just talk.
    if (plan.goalKind() == GoalKind.ASK_QUESTION
        || plan.goalKind() == GoalKind.REMINDER
        || plan.goalKind() == GoalKind.OTHER) {
      f.answer = answer(transcript);
    }
    f.confirmedByCallee = confirmedAfterReadback(transcript);

    CallOutcome outcome = fromReason(hangUpReason, callee);
    if (outcome == null) {
      outcome = fromTranscript(callee, calleeText);
    }
    boolean achieved;
    if (outcome == null) {
      achieved = goalMet(plan, f, calleeText);
      outcome =
          achieved
              ? (confirmed(plan, f) ? CallOutcome.COMPLETED : CallOutcome.PARTIAL)
              : CallOutcome.NOT_ACHIEVED;
      if (!achieved && plan.goalKind() == GoalKind.COMPLAINT && f.code != null) {
        outcome = CallOutcome.PARTIAL;
      }
    } else {
      achieved =
          plan.goalKind() == GoalKind.REMINDER
              && outcome == CallOutcome.VOICEMAIL
              && "voicemail_left".equals(hangUpReason);
    }

    List<ExtractedDatum> data = data(plan, f, calleeText, achieved);
    String followUp = FollowUps.instruction(plan, outcome, f, achieved);
    String summary = Summaries.write(plan, outcome, f, achieved, followUp);
    return new CallAnalysis(
        summary, List.copyOf(data), achieved, outcome, followUp != null, followUp);
  }

  /** What the analyst found in the transcript; shared with the summary and follow-up writers. */
  static final class Facts {
    final Set<String> people = new LinkedHashSet<>();
    String business;
    MoneyMention price;
    int priceAt = -1;
    TemporalMention time;
    boolean timeInWindow;
    ConfirmationCode code;
    int codeAt = -1;
    final List<String> instructions = new ArrayList<>();
    String answer;
    boolean confirmedByCallee;
  }

  private List<ExtractedDatum> data(CallPlan plan, Facts f, String calleeText, boolean achieved) {
    List<ExtractedDatum> data = new ArrayList<>();
    if (f.business != null) {
      data.add(new ExtractedDatum("business_name", f.business, ValueType.STRING, f.business));
    }
    for (String p : f.people) {
      data.add(new ExtractedDatum("contact_person", p, ValueType.STRING, p));
    }
    if (f.time != null && TIMED.contains(plan.goalKind())) {
      data.add(
          new ExtractedDatum(
              "appointment_time",
              f.time.start().toOffsetDateTime().toString(),
              ValueType.DATETIME,
              f.time.raw()));
    }
    if (f.price != null) {
      data.add(
          new ExtractedDatum(
              "price", f.price.ceiling().toPlainString(), ValueType.NUMBER, f.price.raw()));
    }
    if (f.code != null) {
      data.add(
          new ExtractedDatum("confirmation_number", f.code.code(), ValueType.STRING, f.code.raw()));
    }
    for (PhoneMention p : new PhoneNumberExtractor("US").extract(calleeText)) {
      data.add(new ExtractedDatum("phone_number", p.e164(), ValueType.STRING, p.raw()));
    }
    if (!f.instructions.isEmpty()) {
      String joined = String.join(" ", f.instructions);
      data.add(new ExtractedDatum("instructions", joined, ValueType.STRING, joined));
    }
    if (f.answer != null) {
      data.add(new ExtractedDatum("answer", f.answer, ValueType.STRING, f.answer));
    }
    data.add(sentiment(calleeText));
    data.add(
        new ExtractedDatum(
            "goal_achieved", String.valueOf(achieved), ValueType.BOOLEAN, plan.goal()));
    return data;
  }

  private ExtractedDatum sentiment(String text) {
    int score = 0;
    String raw = "";
    Matcher pos = POSITIVE.matcher(text);
    while (pos.find()) {
      score++;
      raw = raw.isEmpty() ? pos.group() : raw;
    }
    Matcher neg = NEGATIVE.matcher(text);
    String negRaw = "";
    while (neg.find()) {
      score -= 2;
      negRaw = negRaw.isEmpty() ? neg.group() : negRaw;
    }
    String value = score > 0 ? "positive" : score < 0 ? "negative" : "neutral";
    return new ExtractedDatum("sentiment", value, ValueType.STRING, score < 0 ? negRaw : raw);
  }

  private static CallOutcome fromReason(String reason, List<TranscriptSegment> callee) {
    if (reason == null) {
      return null;
    }
    return switch (reason) {
      case "opt_out" -> CallOutcome.OPTED_OUT;
      case "wrong_number" -> CallOutcome.WRONG_NUMBER;
      case "voicemail_left", "voicemail_skipped" -> CallOutcome.VOICEMAIL;
      case "no_response", "no_answer" -> callee.isEmpty() ? CallOutcome.NO_ANSWER : null;
      case "approval_declined" -> CallOutcome.DECLINED_BY_OWNER;
      case "unavailable", "no_suitable_time" -> CallOutcome.UNAVAILABLE;
      case "transferred" -> CallOutcome.TRANSFERRED;
      default -> null;
    };
  }

  private CallOutcome fromTranscript(List<TranscriptSegment> callee, String calleeText) {
    if (callee.isEmpty()) {
      return CallOutcome.NO_ANSWER;
    }
    if (optOut.detect(calleeText).isPresent()) {
      return CallOutcome.OPTED_OUT;
    }
    if (signals.detect(calleeText).contains(CallSignal.WRONG_NUMBER)) {
      return CallOutcome.WRONG_NUMBER;
    }
    boolean greeting = signals.detect(callee.get(0).text()).contains(CallSignal.VOICEMAIL_GREETING);
    if (greeting && callee.size() == 1) {
      return CallOutcome.VOICEMAIL;
    }
    return null;
  }

  private boolean goalMet(CallPlan plan, Facts f, String calleeText) {
    return switch (plan.goalKind()) {
      case BOOK_APPOINTMENT, MAKE_RESERVATION, RESCHEDULE ->
          f.time != null && f.timeInWindow && priceAccepted(plan, f);
      case GET_QUOTE -> f.price != null;
      case CANCEL -> CANCELLED.matcher(calleeText).find();
      case COMPLAINT -> RESOLVED.matcher(calleeText).find();
      case ASK_QUESTION -> f.answer != null;
      case REMINDER, OTHER ->
          f.answer != null
              || f.confirmedByCallee
              || intents.classify(calleeText).intent() == Intent.AFFIRM;
    };
  }

  /** Over the limit is accepted only if the call went on to a confirmation after the price. */
  private static boolean priceAccepted(CallPlan plan, Facts f) {
    if (f.price == null || plan.moneyLimit() == null) {
      return true;
    }
    if (f.price.ceiling().compareTo(plan.moneyLimit().max()) <= 0) {
      return true;
    }
    return f.code != null && f.codeAt > f.priceAt;
  }

  private static boolean confirmed(CallPlan plan, Facts f) {
    if (!TIMED.contains(plan.goalKind()) && plan.goalKind() != GoalKind.CANCEL) {
      return true;
    }
    return f.code != null || f.confirmedByCallee;
  }

  /** The callee's first real reply after the agent's first question. */
  private String answer(List<TranscriptSegment> t) {
    boolean asked = false;
    for (TranscriptSegment s : t) {
      if (s.speaker() == Speaker.AGENT && s.text().contains("?")) {
        asked = true;
      } else if (asked && s.speaker() == Speaker.CALLEE) {
        Intent i = intents.classify(s.text()).intent();
        if (i != Intent.HOLD && s.text().split("\\s+").length >= 2) {
          return s.text();
        }
      }
    }
    return null;
  }

  private boolean confirmedAfterReadback(List<TranscriptSegment> t) {
    for (int i = 0; i + 1 < t.size(); i++) {
      TranscriptSegment a = t.get(i);
      TranscriptSegment b = t.get(i + 1);
      if (a.speaker() == Speaker.AGENT
          && a.text().toLowerCase().contains("confirm")
          && a.text().contains("?")
          && b.speaker() == Speaker.CALLEE
          && intents.classify(b.text()).intent() == Intent.AFFIRM) {
        return true;
      }
    }
    return false;
  }

  private static String sentenceAround(String text, int at) {
    int start =
        Math.max(
            text.lastIndexOf(". ", at),
            Math.max(text.lastIndexOf("! ", at), text.lastIndexOf("? ", at)));
    start = start < 0 ? 0 : start + 2;
    int end = text.length();
    for (String stop : new String[] {". ", "! ", "? "}) {
      int e = text.indexOf(stop, at);
      if (e >= 0 && e + 1 < end) {
        end = e + 1;
      }
    }
    return text.substring(start, end).trim();
  }

  static String money(BigDecimal amount, String currency) {
    return dev.parley.agent.planning.MoneyLimit.format(amount, currency);
  }
}
