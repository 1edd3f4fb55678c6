package dev.parley.agent.reception;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.agent.analysis.CallAnalysis;
import dev.parley.agent.analysis.CallOutcome;
import dev.parley.agent.analysis.TranscriptSegment;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReceptionAnalystTest {
  private static final ZonedDateTime NOW =
      ZonedDateTime.of(2026, 11, 23, 10, 5, 0, 0, InMemoryServiceDesk.ZONE);

  private final InMemoryServiceDesk centre = new InMemoryServiceDesk();
  private final DeskLog log = new DeskLog();
  private final ServiceDesk desk = new LoggingServiceDesk(centre, log);
  private final ReceptionAnalyst analyst = new ReceptionAnalyst(log);

  private static List<TranscriptSegment> callerSaid(String text) {
    Instant t = NOW.toInstant();
    return List.of(new TranscriptSegment(TranscriptSegment.Speaker.CALLEE, text, t, t, false));
  }

  @Test
  void aBookingIsTheCallsFactAndItsGoal() {
    desk.book(
        InMemoryServiceDesk.KNOWN,
        "Jordan Lee",
        "v1",
        null,
        InMemoryServiceDesk.OIL,
        NOW.withHour(13).withMinute(0));
    CallAnalysis a =
        analyst.analyse(
            ReceptionistAgent.inboundPlan("Bright Gear", InMemoryServiceDesk.KNOWN, NOW),
            callerSaid("Yes, please book that."),
            "completed");
    assertThat(a.goalAchieved()).isTrue();
    assertThat(a.outcome()).isEqualTo(CallOutcome.COMPLETED);
    assertThat(a.summary())
        .isEqualTo(
            "Jordan Lee booked an oil change for the 2019 Toyota Camry on Monday, November 23 at"
                + " 1:00 PM (confirmation BG-7K3Q).");
    assertThat(a.datum("confirmation_number").orElseThrow().value()).isEqualTo("BG-7K3Q");
    assertThat(a.datum("appointment_time").orElseThrow().value())
        .isEqualTo("2026-11-23T13:00-05:00");
    assertThat(a.followUpRequired()).isFalse();
  }

  @Test
  void aCallerWhoHungUpUnservedIsCalledBackAndAMessageIsKept() {
    CallAnalysis a =
        analyst.analyse(
            ReceptionistAgent.inboundPlan("Bright Gear", "+12125550199", NOW),
            callerSaid("I need my brakes looked at."),
            null);
    assertThat(a.goalAchieved()).isFalse();
    assertThat(a.outcome()).isEqualTo(CallOutcome.NOT_ACHIEVED);
    assertThat(a.followUpInstruction()).startsWith("Call +12125550199 back");

    desk.takeMessage("+12125550199", "Sam Ortiz", "Please call me about the invoice.");
    CallAnalysis m =
        analyst.analyse(
            ReceptionistAgent.inboundPlan("Bright Gear", "+12125550199", NOW),
            callerSaid("Please call me about the invoice."),
            "caller_done");
    assertThat(m.goalAchieved()).isTrue();
    assertThat(m.summary()).contains("Sam Ortiz (+12125550199) left a message");
    assertThat(m.datum("message").orElseThrow().value())
        .isEqualTo("Please call me about the invoice.");
  }
}
