package dev.parley.agent.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.agent.analysis.RuleBasedPostCallAnalyst;
import dev.parley.agent.analysis.TranscriptSegment;
import dev.parley.agent.dialog.AgentAction;
import dev.parley.agent.dialog.ConversationState;
import dev.parley.agent.dialog.DialogContext;
import dev.parley.agent.dialog.DialogEvent;
import dev.parley.agent.dialog.DialogTurn;
import dev.parley.agent.dialog.RuleBasedDialogAgent;
import dev.parley.agent.dialog.ScriptedCall;
import dev.parley.agent.language.ConfirmationCode;
import dev.parley.agent.language.ConfirmationCodeExtractor;
import dev.parley.agent.language.DateTimeExtractor;
import dev.parley.agent.language.IntentClassifier;
import dev.parley.agent.language.IvrMenuParser;
import dev.parley.agent.language.MoneyExtractor;
import dev.parley.agent.language.MoneyMention;
import dev.parley.agent.language.NameExtractor;
import dev.parley.agent.language.PersonName;
import dev.parley.agent.language.PhoneNumberExtractor;
import dev.parley.agent.language.TemporalMention;
import dev.parley.agent.planning.CallPlan;
import dev.parley.agent.planning.PlanningFixtures;
import dev.parley.agent.planning.RuleBasedCallPlanner;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded random text through every extractor and random conversations through the agent: nothing
 * throws, every raw fragment is really in the input, and the dialog keeps its invariants.
 */
class RandomInputTest {

  private static final String[] PIECES = {
    "$",
    "€",
    "12",
    "150",
    "89.99",
    "1,200",
    "10:30",
    "24th",
    "31st",
    "0",
    "99:99",
    "13:75",
    "between",
    "and",
    "from",
    "to",
    "-",
    "under",
    "at",
    "by",
    "before",
    "after",
    "in",
    "the",
    "first",
    "second",
    "a",
    "hundred",
    "thousand",
    "fifty",
    "eighty-nine",
    "ninety",
    "nine",
    "oh",
    "double",
    "am",
    "pm",
    "p.m.",
    "noon",
    "midnight",
    "morning",
    "tonight",
    "today",
    "tomorrow",
    "next",
    "this",
    "week",
    "weekend",
    "month",
    "Monday",
    "Friday",
    "February",
    "30th",
    "of",
    "May",
    "may",
    "/",
    "12/31",
    "2/30",
    "confirmation",
    "number",
    "is",
    "code",
    "B",
    "as",
    "bravo",
    "X-ray",
    "press",
    "for",
    "appointments",
    "zero",
    "This",
    "is",
    "Maria",
    "Dr.",
    "my",
    "name",
    "speaking",
    "thank you for calling",
    "Bright",
    "Smile",
    "Dental",
    "stop",
    "calling",
    "call",
    "me",
    "(212)",
    "736-5000",
    "+44",
    "dollars",
    "cents",
    "bucks",
    ",",
    ".",
    "?",
    "!",
    "'",
    "\"",
    "ünïcödé",
    "日本",
    "",
    "  ",
    "\t",
    "o'clock",
    "half",
    "past",
    "quarter",
    "k",
    "tops",
    "or",
    "less",
    "more",
    "than",
    "no",
    "yes",
    "sure",
    "sorry",
  };

  private static String randomText(Random r) {
    int n = 1 + r.nextInt(14);
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) {
      if (r.nextInt(20) == 0) {
        b.append((char) (r.nextInt(0x2FFF) + 1));
      } else {
        b.append(PIECES[r.nextInt(PIECES.length)]);
      }
      b.append(r.nextInt(5) == 0 ? "" : " ");
    }
    return b.toString();
  }

  @Test
  void extractorsNeverThrowAndOnlyReportWhatIsThere() {
    Random r = new Random(20261118);
    MoneyExtractor money = new MoneyExtractor();
    DateTimeExtractor dates = new DateTimeExtractor();
    ConfirmationCodeExtractor codes = new ConfirmationCodeExtractor();
    NameExtractor names = new NameExtractor();
    IntentClassifier intents = new IntentClassifier();
    IvrMenuParser menus = new IvrMenuParser();
    PhoneNumberExtractor phones = new PhoneNumberExtractor("US");
    for (int i = 0; i < 2000; i++) {
      String text = randomText(r);
      for (MoneyMention m : money.extract(text)) {
        assertThat(text).as(text).contains(m.raw());
        assertThat(m.amount().signum()).as(text).isGreaterThanOrEqualTo(0);
      }
      for (TemporalMention m : dates.extract(text, PlanningFixtures.NOW)) {
        assertThat(text).as(text).contains(m.raw());
        assertThat(m.end()).as(text).isAfterOrEqualTo(m.start());
      }
      for (ConfirmationCode c : codes.extract(text)) {
        assertThat(text).as(text).contains(c.raw());
        assertThat(c.code()).as(text).matches("[A-Z0-9]{3,}");
      }
      for (PersonName p : names.people(text)) {
        assertThat(text).as(text).contains(p.raw());
      }
      names.businesses(text);
      assertThat(intents.classify(text)).isNotNull();
      menus.parse(text);
      phones.extract(text);
    }
  }

  @Test
  void plannerHandlesAnyInstruction() {
    Random r = new Random(7);
    RuleBasedCallPlanner planner = new RuleBasedCallPlanner();
    for (int i = 0; i < 300; i++) {
      String text = randomText(r);
      CallPlan plan = planner.plan(text, PlanningFixtures.CONTEXT, PlanningFixtures.NOW);
      assertThat(plan.goal()).as(text).isNotNull();
      assertThat(plan.readyToCall())
          .as(text)
          .isEqualTo(plan.missing().isEmpty() && plan.targetPhone() != null);
    }
  }

  private static final String[] REPLIES = {
    "Hello?",
    "Bright Smile Dental, this is Maria.",
    "We have Thursday at 10:30.",
    "It's $120.",
    "That's two hundred and forty dollars.",
    "Sorry, we're fully booked.",
    "Can you repeat that?",
    "Who is this?",
    "Are you a robot?",
    "Hold on.",
    "What's the name on the account?",
    "Date of birth?",
    "Your confirmation number is B74X9.",
    "Yes.",
    "No.",
    "For billing press 1, for appointments press 2.",
    "Please leave a message after the tone.",
    "Goodbye!",
    "Stop calling me.",
    "You have the wrong number.",
    "Let me transfer you.",
    "Tuesday at 9pm?",
    "Uh huh.",
  };

  @Test
  void randomConversationsKeepTheDialogInvariants() {
    Random r = new Random(42);
    RuleBasedDialogAgent agent = new RuleBasedDialogAgent(ScriptedCall.CLOCK);
    String[] instructions = {
      "Book a dentist cleaning this week under $150",
      "Cancel my gym membership",
      "Ask the gym whether they're open on Thanksgiving",
      "Book a table for 4 at Luigi's Saturday 7pm",
      "Dispute a charge with Comcast, their number is 800-934-6489",
      "Call my mom to remind her about Sunday lunch",
    };
    RuleBasedCallPlanner planner = new RuleBasedCallPlanner();
    RuleBasedPostCallAnalyst analyst = new RuleBasedPostCallAnalyst(ScriptedCall.CLOCK);
    for (int call = 0; call < 150; call++) {
      CallPlan plan =
          planner.plan(
              instructions[call % instructions.length],
              PlanningFixtures.CONTEXT,
              PlanningFixtures.NOW);
      DialogContext ctx =
          new DialogContext(plan, PlanningFixtures.OWNER, PlanningFixtures.SETTINGS);
      ConversationState state = ConversationState.initial();
      List<TranscriptSegment> transcript = new ArrayList<>();
      boolean first = true;
      for (int turn = 0; turn < 40; turn++) {
        DialogEvent event = first ? new DialogEvent.CallAnswered() : randomEvent(r);
        first = false;
        boolean endedBefore = state.ended();
        DialogTurn out = agent.respond(ctx, state, event);
        long speaks = out.actions().stream().filter(AgentAction.Speak.class::isInstance).count();
        assertThat(speaks).isLessThanOrEqualTo(1);
        if (endedBefore) {
          assertThat(out.actions()).isEmpty();
        }
        for (AgentAction a : out.actions()) {
          if (a instanceof AgentAction.Speak s) {
            assertThat(s.text().toLowerCase())
                .doesNotContain("guaranteed")
                .doesNotContain("i promise");
            transcript.add(seg(TranscriptSegment.Speaker.AGENT, s.text()));
          }
        }
        if (event instanceof DialogEvent.CalleeSaid said) {
          transcript.add(seg(TranscriptSegment.Speaker.CALLEE, said.text()));
        }
        assertThat(out.state().agentTurns()).isLessThanOrEqualTo(31);
        state = out.state();
      }
      assertThat(analyst.analyse(plan, transcript, state.outcome()).summary()).isNotBlank();
    }
  }

  private static TranscriptSegment seg(TranscriptSegment.Speaker who, String text) {
    Instant t = PlanningFixtures.NOW.toInstant();
    return new TranscriptSegment(who, text, t, t.plusSeconds(2), false);
  }

  private static DialogEvent randomEvent(Random r) {
    int k = r.nextInt(20);
    if (k == 0) {
      return new DialogEvent.SilenceTimeout(5);
    }
    if (k == 1) {
      return new DialogEvent.BargeIn("Hi, this");
    }
    if (k == 2) {
      return new DialogEvent.ApprovalDecided(r.nextBoolean(), null);
    }
    if (k == 3) {
      return new DialogEvent.VoicemailBeep();
    }
    if (k == 4) {
      return new DialogEvent.DtmfReceived("1");
    }
    if (k == 5) {
      return new DialogEvent.CalleeSaid(randomText(r));
    }
    return new DialogEvent.CalleeSaid(REPLIES[r.nextInt(REPLIES.length)]);
  }
}
