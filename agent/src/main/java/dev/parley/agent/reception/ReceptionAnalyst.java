package dev.parley.agent.reception;

import dev.parley.agent.analysis.CallAnalysis;
import dev.parley.agent.analysis.CallOutcome;
import dev.parley.agent.analysis.ExtractedDatum;
import dev.parley.agent.analysis.PostCallAnalyst;
import dev.parley.agent.analysis.TranscriptSegment;
import dev.parley.agent.analysis.ValueType;
import dev.parley.agent.planning.CallPlan;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes up an inbound call from what the receptionist did at the desk ({@link DeskLog}): the
 * bookings, cancellations and messages are the call's facts, and the caller's request counts as
 * handled when one of them happened or the caller said they were done. A caller who hung up before
 * anything was settled needs a call back.
 */
public final class ReceptionAnalyst implements PostCallAnalyst {
  private final DeskLog log;

  public ReceptionAnalyst(DeskLog log) {
    this.log = log;
  }

  @Override
  public CallAnalysis analyse(
      CallPlan plan, List<TranscriptSegment> transcript, String hangUpReason) {
    String caller = plan.targetPhone() == null ? "the caller" : plan.targetPhone();
    List<ExtractedDatum> data = new ArrayList<>();
    List<String> sentences = new ArrayList<>();
    for (DeskLog.Entry e : log.entries()) {
      if (e instanceof DeskLog.Booked b) {
        ServiceDesk.Appointment a = b.appointment();
        String who = b.customerName() == null ? caller : b.customerName();
        if (b.customerName() != null) {
          data.add(datum("customer_name", b.customerName()));
        }
        data.add(datum("service", a.serviceName()));
        if (a.vehicle() != null) {
          data.add(datum("vehicle", a.vehicle()));
        }
        data.add(
            new ExtractedDatum(
                "appointment_time",
                a.start().toOffsetDateTime().toString(),
                ValueType.DATETIME,
                ReceptionLanguage.spoken(a.start())));
        data.add(datum("confirmation_number", a.confirmationCode()));
        sentences.add(
            who
                + " booked "
                + dev.parley.agent.language.Articles.withArticle(a.serviceName())
                + (a.vehicle() == null ? "" : " for the " + a.vehicle())
                + " on "
                + ReceptionLanguage.spoken(a.start())
                + " (confirmation "
                + a.confirmationCode()
                + ").");
      } else if (e instanceof DeskLog.Cancelled c) {
        sentences.add(
            c.done()
                ? caller + " cancelled an appointment."
                : caller + " asked to cancel an appointment that was already cancelled.");
      } else if (e instanceof DeskLog.Message m) {
        String who = m.customerName() == null ? caller : m.customerName() + " (" + caller + ")";
        data.add(datum("message", m.text()));
        sentences.add(who + " left a message: \"" + m.text() + "\"");
      }
    }
    boolean handled = !sentences.isEmpty() || "caller_done".equals(hangUpReason);
    boolean spoke =
        transcript.stream().anyMatch(s -> s.speaker() == TranscriptSegment.Speaker.CALLEE);
    String followUp = null;
    if (sentences.isEmpty()) {
      sentences.add(
          handled
              ? caller + " called with a question and was answered."
              : spoke
                  ? caller + " hung up before their request was settled."
                  : caller + " called but said nothing.");
      if (!handled && spoke) {
        followUp = "Call " + caller + " back: their call ended before their request was handled.";
      }
    }
    return new CallAnalysis(
        String.join(" ", sentences),
        List.copyOf(data),
        handled,
        handled ? CallOutcome.COMPLETED : CallOutcome.NOT_ACHIEVED,
        followUp != null,
        followUp);
  }

  private static ExtractedDatum datum(String key, String value) {
    return new ExtractedDatum(key, value, ValueType.STRING, value);
  }
}
