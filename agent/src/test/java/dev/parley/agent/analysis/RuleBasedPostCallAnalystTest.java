package dev.parley.agent.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.agent.analysis.TranscriptSegment.Speaker;
import dev.parley.agent.dialog.DialogEvent;
import dev.parley.agent.dialog.ScriptedCall;
import dev.parley.agent.dialog.Turn;
import dev.parley.agent.planning.CallPlan;
import dev.parley.agent.planning.PlanningFixtures;
import dev.parley.agent.planning.RuleBasedCallPlanner;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuleBasedPostCallAnalystTest {

  private static final String DENTIST = "Book a dentist cleaning this week under $150";
  private final PostCallAnalyst analyst = new RuleBasedPostCallAnalyst(ScriptedCall.CLOCK);

  /** The call's turns as the control plane records them: 4 s per utterance from NOW. */
  private static List<TranscriptSegment> transcript(ScriptedCall call) {
    List<TranscriptSegment> out = new ArrayList<>();
    Instant t = PlanningFixtures.NOW.toInstant();
    for (Turn turn : call.state().turns()) {
      if (turn.speaker() == Turn.Speaker.SYSTEM) {
        continue;
      }
      Speaker who = turn.speaker() == Turn.Speaker.AGENT ? Speaker.AGENT : Speaker.CALLEE;
      out.add(new TranscriptSegment(who, turn.text(), t, t.plusSeconds(4), turn.interrupted()));
      t = t.plusSeconds(5);
    }
    return out;
  }

  private CallAnalysis analyse(ScriptedCall call) {
    return analyst.analyse(call.plan(), transcript(call), call.state().outcome());
  }

  private static ScriptedCall dentalBooking() {
    ScriptedCall call = new ScriptedCall(DENTIST);
    call.answer();
    call.say("Thank you for calling Bright Smile Dental, this is Maria. How can I help you?");
    call.say("Let me check. We have Thursday at 10:30.");
    call.say("A cleaning is $120.");
    call.say("Sure, can I get the patient's name?");
    call.say("Great, you're all set. Your confirmation number is B as in bravo, 7, 4, X-ray, 9.");
    call.say(
        "Yes, that's right. Please arrive fifteen minutes early to fill out the new patient forms.");
    return call;
  }

  @Test
  void dentalBookingIsCompletedWithItsFacts() {
    ScriptedCall call = dentalBooking();
    assertThat(call.state().outcome()).isEqualTo("completed");
    CallAnalysis a = analyse(call);
    assertThat(a.goalAchieved()).isTrue();
    assertThat(a.outcome()).isEqualTo(CallOutcome.COMPLETED);
    assertThat(a.followUpRequired()).isFalse();
    assertThat(a.followUpInstruction()).isNull();
    assertThat(a.datum("price"))
        .get()
        .isEqualTo(new ExtractedDatum("price", "120", ValueType.NUMBER, "$120"));
    assertThat(a.datum("appointment_time"))
        .get()
        .isEqualTo(
            new ExtractedDatum(
                "appointment_time",
                "2026-11-19T10:30-05:00",
                ValueType.DATETIME,
                "Thursday at 10:30"));
    assertThat(a.datum("confirmation_number"))
        .get()
        .isEqualTo(
            new ExtractedDatum(
                "confirmation_number", "B74X9", ValueType.STRING, "B as in bravo, 7, 4, X-ray, 9"));
    assertThat(a.datum("contact_person"))
        .get()
        .extracting(ExtractedDatum::value)
        .isEqualTo("Maria");
    assertThat(a.datum("business_name"))
        .get()
        .extracting(ExtractedDatum::value)
        .isEqualTo("Bright Smile Dental");
    assertThat(a.datum("instructions"))
        .get()
        .extracting(ExtractedDatum::value)
        .isEqualTo("Please arrive fifteen minutes early to fill out the new patient forms.");
    assertThat(a.datum("sentiment")).get().extracting(ExtractedDatum::value).isEqualTo("positive");
    assertThat(a.datum("answer")).isEmpty();
    assertThat(a.datum("goal_achieved"))
        .get()
        .extracting(ExtractedDatum::type)
        .isEqualTo(ValueType.BOOLEAN);
    assertThat(a.summary())
        .startsWith("Called Bright Smile Dental and spoke with Maria to book a dentist cleaning")
        .contains(
            "Booked for Thursday, November 19 at 10:30 AM, price $120; confirmation number B74X9.")
        .contains("Please arrive fifteen minutes early");
  }

  @Test
  void transcriptAloneIsEnoughWithoutTheHangUpReason() {
    ScriptedCall call = dentalBooking();
    CallAnalysis a = analyst.analyse(call.plan(), transcript(call), null);
    assertThat(a.outcome()).isEqualTo(CallOutcome.COMPLETED);
    assertThat(a.goalAchieved()).isTrue();
  }

  private static ScriptedCall overLimit(boolean approve) {
    ScriptedCall call = new ScriptedCall(DENTIST);
    call.answer();
    call.say("Bright Smile Dental, how can I help?");
    call.say("We can do Thursday at 10:30.");
    call.say("For a new patient the cleaning is a hundred and eighty dollars.");
    call.send(new DialogEvent.ApprovalDecided(approve, null));
    if (approve) {
      call.say("OK, your confirmation number is C-X-4-4-1.");
      call.say("Yes.");
    }
    return call;
  }

  @Test
  void approvedOverLimitPriceStillAchievesTheGoal() {
    CallAnalysis a = analyse(overLimit(true));
    assertThat(a.outcome()).isEqualTo(CallOutcome.COMPLETED);
    assertThat(a.goalAchieved()).isTrue();
    assertThat(a.datum("price")).get().extracting(ExtractedDatum::value).isEqualTo("180");
    assertThat(a.datum("confirmation_number"))
        .get()
        .extracting(ExtractedDatum::value)
        .isEqualTo("CX441");
  }

  @Test
  void declinedOverLimitPriceSuggestsAnotherProvider() {
    CallAnalysis a = analyse(overLimit(false));
    assertThat(a.outcome()).isEqualTo(CallOutcome.DECLINED_BY_OWNER);
    assertThat(a.goalAchieved()).isFalse();
    assertThat(a.followUpRequired()).isTrue();
    assertThat(a.followUpInstruction())
        .isEqualTo("Find another provider for dentist cleaning under $150.");
    assertThat(a.summary()).contains("They quoted $180, which was over the limit");
  }

  @Test
  void voicemailNeedsAnotherCall() {
    ScriptedCall call = new ScriptedCall(DENTIST);
    call.answer();
    call.say("Hi, you've reached Bright Smile Dental. Please leave a message after the tone.");
    call.send(new DialogEvent.VoicemailBeep());
    CallAnalysis a = analyse(call);
    assertThat(a.outcome()).isEqualTo(CallOutcome.VOICEMAIL);
    assertThat(a.goalAchieved()).isFalse();
    assertThat(a.followUpInstruction())
        .isEqualTo(
            "Call Bright Smile Dental again to book a dentist cleaning for Alex with Bright Smile Dental this week for no more than $150.");
    assertThat(analyst.analyse(call.plan(), transcript(call), null).outcome())
        .isEqualTo(CallOutcome.VOICEMAIL);
  }

  @Test
  void reminderLeftOnVoicemailCountsAsDelivered() {
    ScriptedCall call = new ScriptedCall("Call my mom to remind her about Sunday lunch");
    call.answer();
    call.say(
        "Hi, this is Linda, I can't come to the phone right now. Leave a message after the beep.");
    call.send(new DialogEvent.VoicemailBeep());
    CallAnalysis a = analyse(call);
    assertThat(a.outcome()).isEqualTo(CallOutcome.VOICEMAIL);
    assertThat(a.goalAchieved()).isTrue();
    assertThat(a.followUpRequired()).isFalse();
  }

  @Test
  void wrongNumberAsksForTheRightOne() {
    ScriptedCall call = new ScriptedCall("Call my mom to remind her about Sunday lunch");
    call.answer();
    call.say("Hello?");
    call.say("Sorry, you have the wrong number.");
    CallAnalysis a = analyse(call);
    assertThat(a.outcome()).isEqualTo(CallOutcome.WRONG_NUMBER);
    assertThat(a.followUpInstruction())
        .isEqualTo("Find the correct phone number for Linda Morgan.");
    assertThat(analyst.analyse(call.plan(), transcript(call), null).outcome())
        .isEqualTo(CallOutcome.WRONG_NUMBER);
  }

  @Test
  void optOutEndsFollowUps() {
    ScriptedCall call = new ScriptedCall(DENTIST);
    call.answer();
    call.say("This is ridiculous. Stop calling me.");
    CallAnalysis a = analyse(call);
    assertThat(a.outcome()).isEqualTo(CallOutcome.OPTED_OUT);
    assertThat(a.followUpRequired()).isFalse();
    assertThat(a.datum("sentiment")).get().extracting(ExtractedDatum::value).isEqualTo("negative");
    assertThat(a.summary()).contains("do-not-call list");
  }

  @Test
  void gymQuestionKeepsTheAnswer() {
    ScriptedCall call = new ScriptedCall("Ask the gym whether they're open on Thanksgiving");
    call.answer();
    call.say("FitLife, this is Sam.");
    call.say("Yes, we're open from 8 to 2 on Thanksgiving.");
    CallAnalysis a = analyse(call);
    assertThat(a.goalAchieved()).isTrue();
    assertThat(a.outcome()).isEqualTo(CallOutcome.COMPLETED);
    assertThat(a.datum("answer"))
        .get()
        .extracting(ExtractedDatum::value)
        .isEqualTo("Yes, we're open from 8 to 2 on Thanksgiving.");
    assertThat(a.summary())
        .contains("Their answer: \"Yes, we're open from 8 to 2 on Thanksgiving.\"");
  }

  @Test
  void gymCancellationIsConfirmed() {
    ScriptedCall call = new ScriptedCall("Cancel my gym membership");
    call.answer();
    call.say("FitLife Fitness, Sam speaking.");
    call.say("Sure. What's the name on the account?");
    call.say(
        "OK, I've cancelled the membership effective today. Your confirmation number is 55123.");
    call.say("No, there are no fees.");
    call.say("Correct.");
    CallAnalysis a = analyse(call);
    assertThat(a.goalAchieved()).isTrue();
    assertThat(a.outcome()).isEqualTo(CallOutcome.COMPLETED);
    assertThat(a.datum("confirmation_number"))
        .get()
        .extracting(ExtractedDatum::value)
        .isEqualTo("55123");
    assertThat(a.summary()).contains("The cancellation went through; confirmation number 55123.");
  }

  @Test
  void refusedCancellationFollowsTheirInstructions() {
    CallPlan plan =
        new RuleBasedCallPlanner()
            .plan("Cancel my gym membership", PlanningFixtures.CONTEXT, PlanningFixtures.NOW);
    Instant t = PlanningFixtures.NOW.toInstant();
    List<TranscriptSegment> transcript =
        List.of(
            new TranscriptSegment(
                Speaker.AGENT,
                "Hi, this is Parley, an AI assistant calling on behalf of Alex Morgan.",
                t,
                t.plusSeconds(3),
                false),
            new TranscriptSegment(
                Speaker.CALLEE,
                "FitLife, how can I help?",
                t.plusSeconds(4),
                t.plusSeconds(5),
                false),
            new TranscriptSegment(
                Speaker.AGENT,
                "I'm calling to cancel Alex's gym membership. Could you help me with that?",
                t.plusSeconds(6),
                t.plusSeconds(9),
                false),
            new TranscriptSegment(
                Speaker.CALLEE,
                "No, sorry, we can't do that over the phone. You have to cancel in person at the front desk.",
                t.plusSeconds(10),
                t.plusSeconds(14),
                false));
    CallAnalysis a = analyst.analyse(plan, transcript, null);
    assertThat(a.goalAchieved()).isFalse();
    assertThat(a.outcome()).isEqualTo(CallOutcome.NOT_ACHIEVED);
    assertThat(a.followUpInstruction())
        .isEqualTo(
            "Follow FitLife Fitness's instructions: You have to cancel in person at the front desk.");
  }

  @Test
  void emptyTranscriptIsNoAnswer() {
    CallPlan plan =
        new RuleBasedCallPlanner().plan(DENTIST, PlanningFixtures.CONTEXT, PlanningFixtures.NOW);
    CallAnalysis a = analyst.analyse(plan, List.of(), null);
    assertThat(a.outcome()).isEqualTo(CallOutcome.NO_ANSWER);
    assertThat(a.followUpRequired()).isTrue();
  }
}
