package dev.parley.agent.planning;

import static dev.parley.agent.planning.PlanningFixtures.CONTEXT;
import static dev.parley.agent.planning.PlanningFixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RuleBasedCallPlannerTest {

  private final CallPlanner planner = new RuleBasedCallPlanner();

  /**
   * instruction | goal kind | contact id | target phone | missing fields | limit | party | window
   * start (local).
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      value = {
        "Book a dentist cleaning this week under $150 | BOOK_APPOINTMENT | dentist | +12125550101 | - | 150 | - | 2026-11-18T09:00",
        "Get me a cleaning at my dentist next Tuesday morning, no more than 150 dollars | BOOK_APPOINTMENT | dentist | +12125550101 | - | 150 | - | 2026-11-24T08:00",
        "Cancel my gym membership | CANCEL | gym | +12125550123 | - | - | - | -",
        "Call FitLife and cancel the membership effective immediately, be firm | CANCEL | gym | +12125550123 | - | - | - | -",
        "Reschedule my car service to Friday morning | RESCHEDULE | garage | +12125550166 | - | - | - | 2026-11-20T08:00",
        "Move my appointment with the mechanic to next week | RESCHEDULE | garage | +12125550166 | - | - | - | 2026-11-23T00:00",
        "Reschedule my car service | RESCHEDULE | garage | +12125550166 | time_window | - | - | -",
        "Ask the plumber for a quote for a leaking tap, under $200 | GET_QUOTE | plumber | +12125550177 | - | 200 | - | -",
        "Get a quote from Rossi Plumbing to replace the water heater | GET_QUOTE | plumber | +12125550177 | money_limit | - | - | -",
        "Book a table for 4 at Luigi's Saturday 7pm | MAKE_RESERVATION | luigis | +12125550190 | - | - | 4 | 2026-11-21T19:00",
        "Reserve a table at Luigi's for Friday at 8 | MAKE_RESERVATION | luigis | +12125550190 | party_size | - | - | 2026-11-20T20:00",
        "Make a reservation at Luigi's | MAKE_RESERVATION | luigis | +12125550190 | party_size time_window | - | - | -",
        "Call my mom to remind her about Sunday lunch | REMINDER | mom | +16175550188 | - | - | - | -",
        "Remind Mom that her doctor's appointment is tomorrow at 3 | REMINDER | mom | +16175550188 | - | - | - | -",
        "Dispute a charge with Comcast on my last bill | COMPLAINT | - | - | contact_phone | - | - | -",
        "Dispute the $89.99 charge with Comcast, their number is (800) 934-6489 | COMPLAINT | - | +18009346489 | - | - | - | -",
        "Complain to Joe's Auto Repair that they charged me twice for the oil change | COMPLAINT | garage | +12125550166 | - | - | - | -",
        "Call the doctor and book a checkup | BOOK_APPOINTMENT | - | - | contact | - | - | -",
        "Call Tom and ask if he can water my plants this weekend | ASK_QUESTION | - | - | contact | - | - | -",
        "Ask Tom Baker whether he can feed the cat on Saturday | ASK_QUESTION | tombaker | +12125550131 | - | - | - | -",
        "Ask the landscaper when they can trim the hedges | ASK_QUESTION | landscaper | - | contact_phone | - | - | -",
        "Call Dr. Nguyen's office and book a physical | BOOK_APPOINTMENT | - | - | contact_phone | - | - | -",
        "Book a haircut at 212-555-0199 for tomorrow afternoon | BOOK_APPOINTMENT | - | +12125550199 | - | - | - | 2026-11-19T12:00",
        "Call +44 20 7946 0958 and ask whether the hotel has parking | ASK_QUESTION | - | +442079460958 | - | - | - | -",
        "Ring the Berlin office on +49 30 901820 to confirm the meeting on the 24th | ASK_QUESTION | - | +4930901820 | - | - | - | 2026-11-24T00:00",
        "Call 2127365000 and find out what time they close tonight | ASK_QUESTION | - | +12127365000 | - | - | - | 2026-11-18T17:00",
        "Book the vet for Biscuit's vaccinations before 5pm tomorrow | BOOK_APPOINTMENT | vet | +12125550155 | - | - | - | 2026-11-19T00:00",
        "Book a haircut with my hairdresser on November 24th at 10:30 am | BOOK_APPOINTMENT | salon | +12125550156 | - | - | - | 2026-11-24T10:30",
        "Find out how much Bright Smile Dental charges for whitening | GET_QUOTE | dentist | +12125550101 | money_limit | - | - | -",
        "Ask the gym whether they're open on Thanksgiving | ASK_QUESTION | gym | +12125550123 | - | - | - | -",
        "Schedule an oil change at Joe's between 2 and 4 on Monday, ideally under $80 | BOOK_APPOINTMENT | garage | +12125550166 | - | 80 | - | 2026-11-23T14:00",
        "Call (617) 555-0188 | OTHER | mom | +16175550188 | - | - | - | -",
        "Call the pizza place and order a large pepperoni | OTHER | - | - | contact_phone money_limit | - | - | -",
        "Book a table for six at Luigi's tonight at 8, we'd prefer a booth | MAKE_RESERVATION | luigis | +12125550190 | - | - | 6 | 2026-11-18T20:00",
      })
  void plansRealInstructions(
      String instruction,
      GoalKind kind,
      String contactId,
      String phone,
      String missing,
      BigDecimal limit,
      Integer party,
      String windowStart) {
    CallPlan plan = planner.plan(instruction, CONTEXT, NOW);
    assertThat(plan.goalKind()).as("kind of: " + instruction).isEqualTo(kind);
    assertThat(plan.contact() == null ? null : plan.contact().id())
        .as("contact of: " + instruction)
        .isEqualTo(contactId);
    assertThat(plan.targetPhone()).as("phone of: " + instruction).isEqualTo(phone);
    List<String> expectedMissing =
        missing == null ? List.of() : Arrays.asList(missing.trim().split("\\s+"));
    assertThat(plan.missing())
        .as("missing of: " + instruction)
        .extracting(MissingFact::field)
        .containsExactlyInAnyOrderElementsOf(expectedMissing);
    if (limit == null) {
      assertThat(plan.moneyLimit()).as("limit of: " + instruction).isNull();
    } else {
      assertThat(plan.moneyLimit().max())
          .as("limit of: " + instruction)
          .isEqualByComparingTo(limit);
    }
    assertThat(plan.partySize()).as("party of: " + instruction).isEqualTo(party);
    if (windowStart != null) {
      assertThat(plan.timeWindow()).as("window of: " + instruction).isNotNull();
      assertThat(plan.timeWindow().earliest().toLocalDateTime().toString())
          .as("window of: " + instruction)
          .isEqualTo(windowStart);
    }
    assertThat(plan.goal()).isNotBlank().endsWith(".");
    assertThat(plan.readyToCall()).isEqualTo(plan.missing().isEmpty());
  }

  @Test
  void dentistPlanIsUsefulEndToEnd() {
    CallPlan plan = planner.plan("Book a dentist cleaning this week under $150", CONTEXT, NOW);
    assertThat(plan.goal())
        .isEqualTo(
            "Book a dentist cleaning for Alex with Bright Smile Dental this week for no more than $150.");
    assertThat(plan.topic()).isEqualTo("dentist cleaning");
    assertThat(plan.hardConstraints())
        .contains("Price must not exceed $150")
        .anyMatch(
            c -> c.startsWith("Time must be this week (Wed Nov 18 09:00 to Sun Nov 22 23:59)"));
    assertThat(plan.questions()).anyMatch(q -> q.contains("availability"));
    assertThat(plan.questions()).anyMatch(q -> q.contains("confirmation number"));
    assertThat(plan.factsToShare())
        .containsExactly(
            new SharedFact("full_name", "Alex Morgan"),
            new SharedFact("callback_phone", "+12125550147"));
    assertThat(plan.tone()).isEqualTo(Tone.FRIENDLY);
  }

  @Test
  void ambiguousContactListsTheCandidates() {
    CallPlan plan = planner.plan("Call the doctor and book a checkup", CONTEXT, NOW);
    assertThat(plan.contactCandidates())
        .extracting(Contact::id)
        .containsExactlyInAnyOrder("drlee", "drpatel");
    assertThat(plan.missing().get(0).question())
        .contains("Dr. Sarah Lee (Lee Family Medicine)")
        .contains("Dr. Raj Patel (Midtown Pediatrics)");
  }

  @Test
  void missingNumberNamesTheBusiness() {
    CallPlan plan = planner.plan("Dispute a charge with Comcast on my last bill", CONTEXT, NOW);
    assertThat(plan.missing().get(0).question()).isEqualTo("What's the phone number for Comcast?");
    assertThat(plan.tone()).isEqualTo(Tone.FIRM);
    assertThat(plan.goal()).isEqualTo("Resolve Alex's complaint with Comcast about the charge.");
    CallPlan disputed =
        planner.plan("Dispute the $89.99 charge with Comcast at 800-934-6489", CONTEXT, NOW);
    assertThat(disputed.moneyLimit()).isNull();
    assertThat(disputed.fact("disputed_amount")).isEqualTo("$89.99");
  }

  @Test
  void complaintAndCancelToneAndConstraints() {
    CallPlan plan =
        planner.plan(
            "Call FitLife and cancel the membership effective immediately, be firm. Don't agree to any fees.",
            CONTEXT,
            NOW);
    assertThat(plan.tone()).isEqualTo(Tone.FIRM);
    assertThat(plan.hardConstraints()).contains("Don't agree to any fees");
    assertThat(plan.questions()).anyMatch(q -> q.contains("cancellation fees"));
  }

  @Test
  void softPreferencesAndFactsAreSeparated() {
    CallPlan plan =
        planner.plan(
            "Book a table for six at Luigi's tonight at 8, we'd prefer a booth. Tell them it's my wife's birthday.",
            CONTEXT,
            NOW);
    assertThat(plan.softPreferences()).contains("we'd prefer a booth");
    assertThat(plan.factsToShare()).contains(new SharedFact("note", "it's my wife's birthday"));
  }

  @Test
  void askQuestionIsRewrittenForTheCallee() {
    CallPlan plan = planner.plan("Ask the gym whether they're open on Thanksgiving", CONTEXT, NOW);
    assertThat(plan.questions())
        .containsExactly("Could you tell me whether you're open on Thanksgiving?");
  }

  @Test
  void priceLimitNotRequiredWhenSettingsSaySo() {
    PlanningContext relaxed =
        new PlanningContext(
            CONTEXT.owner(),
            CONTEXT.contacts(),
            new AssistantSettings(
                new BigDecimal("250"),
                new BigDecimal("50"),
                false,
                CONTEXT.settings().allowedPersonalFields(),
                CONTEXT.settings().callingWindow(),
                true,
                List.of(),
                "Parley"));
    CallPlan plan =
        planner.plan("Get a quote from Rossi Plumbing to replace the water heater", relaxed, NOW);
    assertThat(plan.missing()).isEmpty();
    assertThat(plan.topic()).isEqualTo("replace the water heater");
  }

  @Test
  void explicitRequestValuesWinOverTheText() {
    CallPlan plan =
        planner.plan(
            new PlanRequest(
                "Call the doctor and book a checkup, be assertive",
                "drpatel",
                "(212) 555-0199",
                new BigDecimal("90"),
                Tone.NEUTRAL,
                List.of("Must be a morning slot"),
                List.of("Dr. Patel himself if possible")),
            CONTEXT,
            NOW);
    assertThat(plan.contact().id()).isEqualTo("drpatel");
    assertThat(plan.contactCandidates()).isEmpty();
    assertThat(plan.targetPhone()).isEqualTo("+12125550199");
    assertThat(plan.moneyLimit().max()).isEqualByComparingTo("90");
    assertThat(plan.tone()).isEqualTo(Tone.NEUTRAL);
    assertThat(plan.hardConstraints())
        .contains("Price must not exceed $90", "Must be a morning slot");
    assertThat(plan.softPreferences()).contains("Dr. Patel himself if possible");
    assertThat(plan.missing()).isEmpty();
  }

  @Test
  void toneWordsMapToTheControlPlaneTones() {
    assertThat(planner.plan("Cancel my gym membership, be assertive", CONTEXT, NOW).tone())
        .isEqualTo(Tone.ASSERTIVE);
    assertThat(planner.plan("Cancel my gym membership, keep it professional", CONTEXT, NOW).tone())
        .isEqualTo(Tone.NEUTRAL);
    assertThat(planner.plan("Cancel my gym membership", CONTEXT, NOW).tone())
        .isEqualTo(Tone.FRIENDLY);
    assertThat(Tone.fromWireName("firm")).isEqualTo(Tone.FIRM);
    assertThat(GoalKind.fromWireName("book_appointment")).isEqualTo(GoalKind.BOOK_APPOINTMENT);
    assertThat(GoalKind.GET_QUOTE.wireName()).isEqualTo("get_quote");
  }

  @Test
  void aSuperlativeTakesTheDefiniteArticle() {
    assertThat(QuestionWriter.withArticle("earliest cleaning")).isEqualTo("the earliest cleaning");
    assertThat(QuestionWriter.withArticle("oil change")).isEqualTo("an oil change");
    assertThat(QuestionWriter.withArticle("test drive")).isEqualTo("a test drive");
  }
}
