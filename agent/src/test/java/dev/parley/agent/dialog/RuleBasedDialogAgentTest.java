package dev.parley.agent.dialog;

import static dev.parley.agent.dialog.ScriptedCall.spoken;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.agent.dialog.AgentAction.AddToDoNotCall;
import dev.parley.agent.dialog.AgentAction.HangUp;
import dev.parley.agent.dialog.AgentAction.RequestApproval;
import dev.parley.agent.dialog.AgentAction.SendDtmf;
import dev.parley.agent.dialog.AgentAction.Speak;
import dev.parley.agent.planning.AssistantSettings;
import dev.parley.agent.planning.CallingWindow;
import dev.parley.agent.planning.PersonalField;
import dev.parley.agent.planning.PlanningFixtures;
import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuleBasedDialogAgentTest {

  private static final String DENTIST = "Book a dentist cleaning this week under $150";

  @Test
  void booksADentalCleaningAndReadsTheDetailsBack() {
    ScriptedCall call = new ScriptedCall(DENTIST);

    List<AgentAction> hello = call.answer();
    assertThat(hello).singleElement().isInstanceOf(Speak.class);
    Speak intro = (Speak) hello.get(0);
    assertThat(intro.text()).contains("an AI assistant calling on behalf of Alex Morgan");
    assertThat(intro.interruptible()).isFalse();

    String request =
        spoken(
            call.say(
                "Thank you for calling Bright Smile Dental, this is Maria. How can I help you?"));
    assertThat(request)
        .isEqualTo(
            "I'd like to book a dentist cleaning for Alex Morgan, ideally this week. What do you have available?")
        .doesNotContain("150");
    assertThat(call.state().slots())
        .containsEntry(Slots.PERSON_NAME, "Maria")
        .containsEntry(Slots.BUSINESS_NAME, "Bright Smile Dental");

    String priceQuestion = spoken(call.say("Let me check. We have Thursday at 10:30."));
    assertThat(priceQuestion)
        .isEqualTo("Thursday, November 19 at 10:30 AM works. And how much will that cost?");
    assertThat(call.state().slots())
        .containsEntry(Slots.APPOINTMENT_TIME, "2026-11-19T10:30-05:00");

    assertThat(spoken(call.say("A cleaning is $120.")))
        .isEqualTo("Could I get a confirmation number for that?");
    assertThat(spoken(call.say("Sure, can I get the patient's name?")))
        .isEqualTo("Sure, it's Alex Morgan.");

    List<AgentAction> coded =
        call.say(
            "Great, you're all set. Your confirmation number is B as in bravo, 7, 4, X-ray, 9.");
    assertThat(spoken(coded))
        .isEqualTo(
            "Just to confirm: a dentist cleaning on Thursday, November 19 at 10:30 AM, for $120,"
                + " confirmation number B-7-4-X-9. Is that right?");
    assertThat(coded)
        .contains(
            new AgentAction.CallTool(
                "record_fact", java.util.Map.of("key", "confirmation_code", "value", "B74X9")));

    List<AgentAction> bye = call.say("Yes, that's right.");
    assertThat(spoken(bye)).isEqualTo("Thank you so much, Maria. Have a great day, goodbye.");
    assertThat(bye.get(bye.size() - 1)).isEqualTo(new HangUp("completed"));
    assertThat(call.state().outcome()).isEqualTo("completed");
    assertThat(call.state().slots())
        .containsEntry(Slots.CONFIRMED, "true")
        .containsEntry(Slots.PRICE, "120");
    assertThat(call.say("Bye!")).isEmpty();
  }

  private static ScriptedCall overLimit() {
    ScriptedCall call = new ScriptedCall(DENTIST);
    call.answer();
    call.say("Bright Smile Dental, how can I help?");
    call.say("We can do Thursday at 10:30.");
    List<AgentAction> asked =
        call.say("For a new patient the cleaning is a hundred and eighty dollars.");
    assertThat(spoken(asked)).contains("check with Alex");
    assertThat(asked)
        .filteredOn(RequestApproval.class::isInstance)
        .singleElement()
        .satisfies(
            a -> {
              RequestApproval r = (RequestApproval) a;
              assertThat(r.amount()).isEqualByComparingTo("180");
              assertThat(r.reason()).contains("$180").contains("$150");
            });
    assertThat(call.state().phase()).isEqualTo(ConversationState.Phase.AWAITING_APPROVAL);
    assertThat(spoken(call.say("Sure, no problem.")))
        .contains("patience")
        .contains("checking with Alex");
    return call;
  }

  @Test
  void overLimitPriceApprovedThenFinishesBooking() {
    ScriptedCall call = overLimit();
    List<AgentAction> resumed = call.send(new DialogEvent.ApprovalDecided(true, null));
    assertThat(spoken(resumed))
        .isEqualTo(
            "Thanks for holding. Alex is happy with $180. Could I get a confirmation number for that?");
    call.say("Your confirmation number is C-X-4-4-1.");
    List<AgentAction> bye = call.say("Yep.");
    assertThat(bye).contains(new HangUp("completed"));
    assertThat(call.state().slots()).containsEntry(Slots.APPROVAL, "approved:180");
  }

  @Test
  void overLimitPriceDeclinedEndsPolitely() {
    ScriptedCall call = overLimit();
    List<AgentAction> end = call.send(new DialogEvent.ApprovalDecided(false, "too expensive"));
    assertThat(spoken(end)).contains("more than Alex wants to spend");
    assertThat(end.get(end.size() - 1)).isEqualTo(new HangUp("approval_declined"));
  }

  @Test
  void navigatesAMenuByDigitsThenIntroducesItselfToThePerson() {
    ScriptedCall call = new ScriptedCall(DENTIST);
    call.answer();
    List<AgentAction> first =
        call.say(
            "Thank you for calling Bright Smile Dental. For appointments press 1. For billing press 2.");
    assertThat(first).containsExactly(new SendDtmf("1"));

    ScriptedCall other = new ScriptedCall(DENTIST);
    other.answer();
    assertThat(
            other.say(
                "For billing, press 1. For appointments, press 2. For all other questions, press 0."))
        .containsExactly(new SendDtmf("2"));
    String person = spoken(other.say("Scheduling, this is Jen speaking."));
    assertThat(person)
        .startsWith("Hi, this is Parley, an AI assistant calling on behalf of Alex Morgan.")
        .contains("I'd like to book a dentist cleaning");
    assertThat(other.state().slots()).containsEntry(Slots.PERSON_NAME, "Jen");
  }

  @Test
  void menuWithoutAMatchReachesAPerson() {
    ScriptedCall call = new ScriptedCall("Cancel my gym membership");
    call.answer();
    assertThat(
            call.say(
                "Press 1 for class schedules. Press 2 for opening hours. Press 9 to speak to a team member."))
        .containsExactly(new SendDtmf("9"));
  }

  @Test
  void leavesAVoicemailAfterTheBeep() {
    ScriptedCall call = new ScriptedCall(DENTIST);
    call.answer();
    assertThat(
            call.say(
                "Hi, you've reached Bright Smile Dental. We're closed right now. Please leave a message after the tone."))
        .isEmpty();
    List<AgentAction> msg = call.send(new DialogEvent.VoicemailBeep());
    Speak speak = (Speak) msg.get(0);
    assertThat(speak.text())
        .startsWith("Hi, this is Parley, an AI assistant calling on behalf of Alex Morgan.")
        .contains("book a dentist cleaning")
        .contains("(212) 555-0147");
    assertThat(speak.interruptible()).isFalse();
    assertThat(msg.get(1)).isEqualTo(new HangUp("voicemail_left"));
  }

  @Test
  void skipsVoicemailWhenSettingsSaySo() {
    AssistantSettings s = PlanningFixtures.SETTINGS;
    AssistantSettings noVoicemail =
        new AssistantSettings(
            s.requireApprovalAbove(),
            s.autoApproveUpTo(),
            s.requirePriceLimit(),
            s.allowedPersonalFields(),
            s.callingWindow(),
            false,
            s.forbiddenPhrases(),
            s.agentName());
    ScriptedCall call = new ScriptedCall(DENTIST, noVoicemail);
    call.answer();
    assertThat(
            call.say(
                "The person you are calling is not available. At the tone, please record your message."))
        .containsExactly(new HangUp("voicemail_skipped"));
  }

  @Test
  void apologisesForAWrongNumber() {
    ScriptedCall call = new ScriptedCall("Call my mom to remind her about Sunday lunch");
    call.answer();
    call.say("Hello?");
    List<AgentAction> end =
        call.say("Who? Sorry, there's no Linda here, you have the wrong number.");
    assertThat(spoken(end)).contains("wrong number");
    assertThat(end.get(end.size() - 1)).isEqualTo(new HangUp("wrong_number"));
  }

  @Test
  void honoursOptOut() {
    ScriptedCall call = new ScriptedCall(DENTIST);
    call.answer();
    List<AgentAction> end =
        call.say("I don't want this. Stop calling me and put me on your do not call list.");
    assertThat(end).contains(new AddToDoNotCall("+12125550101", "Stop calling"));
    assertThat(spoken(end)).contains("isn't called again");
    assertThat(end.get(end.size() - 1)).isEqualTo(new HangUp("opt_out"));
    assertThat(call.state().ended()).isTrue();
  }

  @Test
  void asksTheGymAQuestionAndKeepsTheAnswer() {
    ScriptedCall call = new ScriptedCall("Ask the gym whether they're open on Thanksgiving");
    call.answer();
    assertThat(spoken(call.say("FitLife, this is Sam.")))
        .isEqualTo(
            "I have a quick question. Could you tell me whether you're open on Thanksgiving?");
    List<AgentAction> end = call.say("Yes, we're open from 8 to 2 on Thanksgiving.");
    assertThat(call.state().slots())
        .containsEntry(Slots.ANSWER, "Yes, we're open from 8 to 2 on Thanksgiving.");
    assertThat(end).contains(new HangUp("completed"));
  }

  @Test
  void cancelsAGymMembershipProtectingPersonalFields() {
    ScriptedCall call = new ScriptedCall("Cancel my gym membership");
    call.answer();
    assertThat(spoken(call.say("FitLife Fitness, Sam speaking.")))
        .isEqualTo("I'm calling to cancel Alex's gym membership. Could you help me with that?");
    assertThat(spoken(call.say("Sure. What's the name on the account?")))
        .isEqualTo("Sure, it's Alex Morgan.");
    assertThat(spoken(call.say("And can you confirm the date of birth?")))
        .contains("not able to share that");
    assertThat(
            spoken(
                call.say(
                    "OK, I've cancelled the membership effective today. Your confirmation number is 55123.")))
        .isEqualTo("Are there any cancellation fees or remaining charges?");
    assertThat(spoken(call.say("No, there are no fees.")))
        .isEqualTo(
            "Just to confirm: the gym membership is cancelled, confirmation number 5-5-1-2-3. Is that right?");
    assertThat(call.say("Correct.")).contains(new HangUp("completed"));
    assertThat(call.state().slots())
        .containsEntry(Slots.CANCELLED, "true")
        .containsEntry("answer_1", "No, there are no fees.");
  }

  @Test
  void refusesOffersOutsideTheWindowAndKeepsLooking() {
    ScriptedCall call = new ScriptedCall(DENTIST);
    call.answer();
    call.say("Hello, Bright Smile Dental.");
    assertThat(spoken(call.say("The earliest I have is next Tuesday at 9.")))
        .isEqualTo(
            "Unfortunately next Tuesday at 9 doesn't work for Alex. Do you have anything this week?");
    assertThat(spoken(call.say("Hmm, actually Friday at 2pm just opened up.")))
        .isEqualTo("Friday, November 20 at 2 PM works. And how much will that cost?");
  }

  @Test
  void fullyBookedTwiceEndsTheCall() {
    ScriptedCall call = new ScriptedCall(DENTIST);
    call.answer();
    call.say("Hello, Bright Smile Dental.");
    assertThat(spoken(call.say("Sorry, we're fully booked this week."))).contains("any other time");
    assertThat(call.say("No, we don't have anything at all, sorry."))
        .contains(new HangUp("unavailable"));
  }

  @Test
  void bargeInKeepsOnlyWhatWasHeard() {
    ScriptedCall call = new ScriptedCall(DENTIST);
    call.answer();
    call.say("Hello, Bright Smile Dental.");
    call.send(new DialogEvent.BargeIn("I'd like to book a dentist"));
    Turn last = call.state().turns().get(call.state().turns().size() - 1);
    assertThat(last).isEqualTo(new Turn(Turn.Speaker.AGENT, "I'd like to book a dentist", true));
    assertThat(spoken(call.say("Sorry, can you repeat that?")))
        .isEqualTo("Sure. I'd like to book a dentist");
  }

  @Test
  void anIntroductionTalkedOverIsSaidAgainBeforeTheRequest() {
    ScriptedCall call = new ScriptedCall(DENTIST);
    call.answer();
    // The office answered with its own greeting over ours: nothing of the disclosure was heard.
    call.send(new DialogEvent.BargeIn(""));
    String reply =
        spoken(call.say("Bright Smile Dental, this is Maria speaking, how can I help you?"));
    assertThat(reply).contains("AI assistant").contains("book");

    ScriptedCall heard = new ScriptedCall(DENTIST);
    heard.answer();
    String plain = spoken(heard.say("Bright Smile Dental, how can I help you?"));
    assertThat(plain).doesNotContain("AI assistant").contains("book");
  }

  @Test
  void neverSaysForbiddenPhrasesOrSharesForbiddenFields() {
    AssistantSettings s = PlanningFixtures.SETTINGS;
    AssistantSettings strict =
        new AssistantSettings(
            s.requireApprovalAbove(),
            s.autoApproveUpTo(),
            true,
            EnumSet.of(PersonalField.FULL_NAME),
            CallingWindow.standard(),
            true,
            List.of("Have a great day", "so much"),
            "Parley");
    ScriptedCall call =
        new ScriptedCall("Ask the gym whether they're open on Thanksgiving", strict);
    call.answer();
    call.say("FitLife.");
    assertThat(spoken(call.say("Can I get a callback number in case we get cut off?")))
        .contains("not able to share")
        .doesNotContain("555");
    call.say("We're closed on Thanksgiving.");
    assertThat(call.allActions())
        .filteredOn(Speak.class::isInstance)
        .extracting(a -> ((Speak) a).text())
        .noneMatch(t -> t.toLowerCase().contains("have a great day") || t.contains("so much"));
    assertThat(call.state().outcome()).isEqualTo("completed");
  }

  @Test
  void silenceIsChasedThenTheCallEnds() {
    ScriptedCall call = new ScriptedCall(DENTIST);
    call.answer();
    assertThat(spoken(call.send(new DialogEvent.SilenceTimeout(5))))
        .startsWith("Hello? I'd like to book");
    assertThat(spoken(call.send(new DialogEvent.SilenceTimeout(5))))
        .isEqualTo("Hello, are you still there?");
    call.send(new DialogEvent.SilenceTimeout(5));
    assertThat(call.send(new DialogEvent.SilenceTimeout(5))).contains(new HangUp("no_response"));
  }

  @Test
  void answersHonestlyWhenAskedIfItIsARobot() {
    ScriptedCall call = new ScriptedCall(DENTIST);
    call.answer();
    call.say("Bright Smile Dental.");
    assertThat(spoken(call.say("Wait, am I talking to a robot?")))
        .startsWith("Yes, I'm an AI assistant calling on behalf of Alex Morgan.");
  }

  @Test
  void stateRoundTripsThroughJson() throws Exception {
    ScriptedCall call = new ScriptedCall(DENTIST);
    call.answer();
    call.say("Thank you for calling Bright Smile Dental, this is Maria.");
    call.say("We have Thursday at 10:30.");
    ObjectMapper json = new ObjectMapper();
    String stored = json.writeValueAsString(call.state());
    ConversationState back = json.readValue(stored, ConversationState.class);
    assertThat(back).isEqualTo(call.state());
    String asTree = json.writeValueAsString(call.state().toMap());
    @SuppressWarnings("unchecked")
    java.util.Map<String, Object> tree = json.readValue(asTree, java.util.Map.class);
    assertThat(ConversationState.fromMap(tree)).isEqualTo(call.state());
    assertThat(tree).containsEntry("phase", "pursuing").containsEntry("awaiting", "price");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> ConversationState.fromMap(java.util.Map.of("phase", "dancing")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("malformed");
    // The restored state carries on the same call on any instance.
    DialogTurn next =
        new RuleBasedDialogAgent(ScriptedCall.CLOCK)
            .respond(call.context(), back, new DialogEvent.CalleeSaid("It's $95."));
    assertThat(spoken(next.actions())).isEqualTo("Could I get a confirmation number for that?");
    assertThat(next.state().slots()).containsEntry(Slots.PRICE, "95");
    assertThat(new BigDecimal(next.state().slots().get(Slots.PRICE))).isEqualByComparingTo("95");
  }
}
