package dev.parley.agent.dialog;

import static dev.parley.agent.dialog.ScriptedCall.spoken;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.agent.dialog.AgentAction.HangUp;
import org.junit.jupiter.api.Test;

/** Scripted calls for the goal kinds beyond booking: quote, reservation, reminder, complaint... */
class GoalKindsDialogTest {

  @Test
  void getsAPlumbingQuoteAndAsksThePlansQuestions() {
    ScriptedCall call =
        new ScriptedCall("Ask the plumber for a quote for a leaking tap, under $200");
    call.answer();
    assertThat(spoken(call.say("Rossi Plumbing, Mario here.")))
        .isEqualTo("I'm looking for a price for a leaking tap. How much would that cost?");
    assertThat(spoken(call.say("For a leaking tap it's usually about 120 dollars plus parts.")))
        .isEqualTo("Is there a call-out fee, and does that price include parts and labour?");
    assertThat(spoken(call.say("No call-out fee, and that includes labour.")))
        .isEqualTo("When is the earliest you could do it?");
    assertThat(spoken(call.say("I could come tomorrow morning."))).contains("$120");
    assertThat(call.say("Bye now.")).contains(new HangUp("completed"));
    assertThat(call.state().slots())
        .containsEntry(Slots.PRICE, "120")
        .containsEntry("answer_1", "No call-out fee, and that includes labour.")
        .containsEntry("answer_2", "I could come tomorrow morning.");
  }

  @Test
  void reservesATableAcceptingAHalfHourLaterOnTheSameEvening() {
    ScriptedCall call = new ScriptedCall("Book a table for 4 at Luigi's Saturday 7pm");
    call.answer();
    assertThat(spoken(call.say("Luigi's, how can I help you?")))
        .isEqualTo(
            "I'd like to reserve a table for 4 Saturday 7pm, under the name Alex Morgan. Do you have anything available?");
    call.say("Let me look. Seven is taken, but I can do 7:30.");
    assertThat(call.state().slots())
        .containsEntry(Slots.APPOINTMENT_TIME, "2026-11-21T19:30-05:00");
    assertThat(spoken(call.say("Great, what name?"))).isEqualTo("Sure, it's Alex Morgan.");
    assertThat(spoken(call.say("You're all set for 7:30, party of four.")))
        .isEqualTo(
            "Just to confirm: a table for 4 on Saturday, November 21 at 7:30 PM. Is that right?");
    assertThat(call.say("Yes.")).contains(new HangUp("completed"));
  }

  @Test
  void refusesAReservationTooLate() {
    ScriptedCall call = new ScriptedCall("Book a table for 4 at Luigi's Saturday 7pm");
    call.answer();
    call.say("Luigi's.");
    assertThat(spoken(call.say("The first table I have is at 9.")))
        .isEqualTo("Unfortunately 9 doesn't work for Alex. Do you have anything Saturday 7pm?");
  }

  @Test
  void deliversAReminder() {
    ScriptedCall call = new ScriptedCall("Call my mom to remind her about Sunday lunch");
    call.answer();
    assertThat(spoken(call.say("Hello?")))
        .isEqualTo("Alex asked me to remind you about Sunday lunch. Will you be able to make it?");
    assertThat(call.say("Oh yes, I'll be there! Tell him I'll bring dessert."))
        .contains(new HangUp("completed"));
    assertThat(call.state().slots()).containsEntry(Slots.ACKNOWLEDGED, "true");
  }

  @Test
  void disputesAChargeAndGetsAReferenceNumber() {
    ScriptedCall call =
        new ScriptedCall("Dispute the $89.99 charge with Comcast, their number is (800) 934-6489");
    assertThat(call.plan().moneyLimit()).isNull();
    call.answer();
    assertThat(spoken(call.say("Thank you for calling Xfinity, my name is Kevin. How can I help?")))
        .isEqualTo(
            "I'm calling about a problem on Alex's account: the $89.99 charge. Could you help me sort it out?");
    assertThat(spoken(call.say("I see that charge. I can credit it back to the account.")))
        .isEqualTo("Could I get a reference number for that?");
    assertThat(spoken(call.say("There's no fee, it'll show on the next bill.")))
        .isEqualTo("Thanks. And is there a reference number for this?");
    assertThat(spoken(call.say("Your case number is 4 4 7 1 9.")))
        .isEqualTo(
            "Just to confirm: the $89.99 charge will be corrected, reference number 4-4-7-1-9. Is that right?");
    assertThat(call.say("Yes that's correct.")).contains(new HangUp("completed"));
  }

  @Test
  void reschedulesTheCarService() {
    ScriptedCall call = new ScriptedCall("Reschedule my car service to Friday morning");
    call.answer();
    call.say("Joe's Auto, this is Pete.");
    assertThat(spoken(call.say("OK, I can move it to Friday at 9.")))
        .isEqualTo("Could I get a confirmation number for that?");
    assertThat(spoken(call.say("Confirmation number is J as in juliet, 4, 4, 2.")))
        .isEqualTo(
            "Just to confirm: a car service on Friday, November 20 at 9 AM, confirmation number J-4-4-2. Is that right?");
    assertThat(call.say("Yep, see you then.")).contains(new HangUp("completed"));
  }

  @Test
  void refusedCancellationCollectsTheirInstructions() {
    ScriptedCall call = new ScriptedCall("Cancel my gym membership");
    call.answer();
    call.say("FitLife.");
    assertThat(spoken(call.say("Sorry, cancellations have to be done in person.")))
        .isEqualTo("I understand. What would Alex need to do?");
    assertThat(call.say("You need to come to the front desk with ID."))
        .contains(new HangUp("not_achieved"));
    assertThat(call.state().slots())
        .containsEntry(Slots.INSTRUCTIONS, "You need to come to the front desk with ID.");
  }

  @Test
  void transfersWhenTheCalleeWantsTheOwner() {
    ScriptedCall call = new ScriptedCall("Call my mom to remind her about Sunday lunch");
    call.answer();
    call.say("Hello?");
    assertThat(call.say("Can I talk to him directly?"))
        .contains(new AgentAction.Transfer("+12125550147"));
    assertThat(call.state().outcome()).isEqualTo("transferred");
  }

  @Test
  void readsTheClockTimeOfAnOfferAgainstTheDayNamedAroundIt() {
    ScriptedCall call = new ScriptedCall("Book a haircut at 212-555-0199 for tomorrow afternoon");
    call.answer();
    call.say("Studio, hi.");
    assertThat(spoken(call.say("Tomorrow I only have 10am.")))
        .isEqualTo(
            "Unfortunately 10am doesn't work for Alex. Do you have anything tomorrow afternoon?");
    assertThat(spoken(call.say("Then 3:15?")))
        .isEqualTo("Could I get a confirmation number for that?");
    assertThat(call.state().slots())
        .containsEntry(Slots.APPOINTMENT_TIME, "2026-11-19T15:15-05:00");
  }

  @Test
  void saysSoWhenItCannotAnswerAndAcceptsOffers() {
    ScriptedCall call = new ScriptedCall("Book a dentist cleaning this week under $150");
    call.answer();
    call.say("Hi, Bright Smile.");
    assertThat(spoken(call.say("Is the patient new or existing?")))
        .isEqualTo("I don't have that information, I'm afraid. Alex can confirm it directly.");
    assertThat(spoken(call.say("Would you like me to check with the hygienist?")))
        .isEqualTo("Yes, please.");
    assertThat(spoken(call.say("Would you like me to check Thursday?")))
        .isEqualTo("What time do you have Thursday?");
  }
}
