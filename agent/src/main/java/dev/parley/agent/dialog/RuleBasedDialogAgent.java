package dev.parley.agent.dialog;

import dev.parley.agent.dialog.ConversationState.Awaiting;
import dev.parley.agent.dialog.ConversationState.Phase;
import dev.parley.agent.language.CallSignal;
import dev.parley.agent.language.CallSignalDetector;
import dev.parley.agent.language.Intent;
import dev.parley.agent.language.IntentClassifier;
import dev.parley.agent.language.IvrMenuParser;
import dev.parley.agent.language.MenuOption;
import dev.parley.agent.language.NameExtractor;
import dev.parley.agent.language.OptOutDetector;
import dev.parley.agent.language.PersonName;
import dev.parley.agent.planning.GoalKind;
import dev.parley.agent.planning.PersonalField;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A dialog agent that holds real calls with rules and the language extractors: discloses that it is
 * an AI, answers menus with digits, leaves or skips voicemail, pursues the plan's goal, asks the
 * plan's questions, checks prices against the limit and asks the owner when one is over, reads key
 * details back before ending, and honours opt-outs. Stateless and thread-safe: all memory is in
 * {@link ConversationState}.
 */
public final class RuleBasedDialogAgent implements DialogAgent {

  /** Goals that arrange something at a time. */
  private static final Pattern HUMAN =
      Pattern.compile(
          "(?i)(?:speak|talk) (?:to|with) (?:a (?:real )?(?:person|human)|him|her|them|\\w+ directly)"
              + "|put (?:him|her|them) on|is (?:he|she) there");

  private static final int MAX_AGENT_TURNS = 30;
  private static final int MAX_MENUS = 5;

  private final Toolkit kit;
  private final OptOutDetector optOut = new OptOutDetector();
  private final CallSignalDetector signals = new CallSignalDetector();
  private final IvrMenuParser menus = new IvrMenuParser();
  private final IntentClassifier intents = new IntentClassifier();
  private final NameExtractor names = new NameExtractor();

  /** Creates an agent reading relative times ("tomorrow") against {@code clock}. */
  public RuleBasedDialogAgent(Clock clock) {
    this.kit = new Toolkit(clock);
  }

  @Override
  public DialogTurn respond(DialogContext c, ConversationState state, DialogEvent event) {
    Session s = new Session(state, new PhraseGuard(c.settings().forbiddenPhrases()));
    if (s.phase == Phase.ENDED) {
      return s.finish();
    }
    if (event instanceof DialogEvent.CallAnswered) {
      answered(c, s);
    } else if (event instanceof DialogEvent.CalleeSaid said) {
      calleeSaid(c, s, said.text());
    } else if (event instanceof DialogEvent.BargeIn barge) {
      bargeIn(s, barge.heardText());
    } else if (event instanceof DialogEvent.SilenceTimeout) {
      silence(c, s);
    } else if (event instanceof DialogEvent.ApprovalDecided decided) {
      approvalDecided(c, s, decided.approved());
    } else if (event instanceof DialogEvent.VoicemailBeep) {
      voicemail(c, s);
    } else if (event instanceof DialogEvent.DtmfReceived dtmf) {
      s.turns.add(new Turn(Turn.Speaker.SYSTEM, "[callee pressed " + dtmf.digits() + "]", false));
    }
    if (s.phase != Phase.ENDED && s.agentTurns >= MAX_AGENT_TURNS) {
      s.say(
          "I'm sorry, I've taken up a lot of your time. I'll have "
              + c.owner().firstName()
              + " follow up directly. Goodbye.");
      s.hangUp("too_long");
    }
    return s.finish();
  }

  private void answered(DialogContext c, Session s) {
    s.phase = Phase.OPENING;
    s.awaiting = Awaiting.GREETING_REPLY;
    s.say(Utterances.intro(c), false);
  }

  private void bargeIn(Session s, String heard) {
    for (int i = s.turns.size() - 1; i >= 0; i--) {
      Turn t = s.turns.get(i);
      if (t.speaker() == Turn.Speaker.AGENT) {
        s.turns.set(i, new Turn(Turn.Speaker.AGENT, heard == null ? "" : heard.trim(), true));
        return;
      }
    }
  }

  private void calleeSaid(DialogContext c, Session s, String text) {
    s.heard(text);
    s.silences = 0;
    Optional<String> stop = optOut.detect(text);
    if (stop.isPresent()) {
      s.act(new AgentAction.AddToDoNotCall(c.plan().targetPhone(), stop.get()));
      s.say(
          "Understood, I'm sorry for the trouble. I'll make sure this number isn't called again. Goodbye.");
      s.hangUp("opt_out");
      return;
    }
    Set<CallSignal> heard = signals.detect(text);
    boolean beforeHuman = s.phase == Phase.OPENING || s.phase == Phase.MENU;
    if (s.phase == Phase.VOICEMAIL) {
      return;
    }
    if (beforeHuman && heard.contains(CallSignal.VOICEMAIL_GREETING)) {
      s.phase = Phase.VOICEMAIL;
      if (!c.settings().leaveVoicemail()) {
        s.hangUp("voicemail_skipped");
      }
      return;
    }
    if (heard.contains(CallSignal.IVR_MENU) && s.phase != Phase.CONFIRMING) {
      List<MenuOption> options = menus.parse(text);
      if (!options.isEmpty()) {
        menu(c, s, options);
        return;
      }
    }
    if (heard.contains(CallSignal.WRONG_NUMBER)) {
      s.say("Oh, I'm sorry, I must have the wrong number. Sorry to bother you, goodbye.");
      s.hangUp("wrong_number");
      return;
    }
    if (s.phase == Phase.MENU) {
      // A person after the menu: they have not heard the introduction.
      s.phase = Phase.OPENING;
      s.awaiting = Awaiting.GREETING_REPLY;
      s.say(Utterances.intro(c), false);
    }
    rememberNames(s, text);
    if (s.phase == Phase.AWAITING_APPROVAL) {
      s.say("Thanks for your patience, I'm just checking with " + c.owner().firstName() + ".");
      return;
    }
    if (heard.contains(CallSignal.ASKED_IF_AI)) {
      s.say("Yes, I'm an AI assistant calling on behalf of " + Utterances.ownerName(c) + ".");
    }
    if (heard.contains(CallSignal.TRANSFERRING)) {
      s.say("Sure, thank you.");
      s.phase = Phase.MENU;
      return;
    }
    if (HUMAN.matcher(text).find()
        && c.owner().phone() != null
        && c.settings().mayShare(PersonalField.PHONE)) {
      s.say("Of course, let me connect you with " + c.owner().firstName() + ".");
      s.act(new AgentAction.Transfer(c.owner().phone()));
      s.phase = Phase.ENDED;
      s.outcome = "transferred";
      return;
    }
    if (heard.contains(CallSignal.ASKED_TO_REPEAT) && s.lastAgentUtterance() != null) {
      s.say("Sure. " + s.lastAgentUtterance());
      return;
    }
    if (heard.contains(CallSignal.GOODBYE)
        && s.awaiting != Awaiting.GREETING_REPLY
        && !hasFacts(text)) {
      s.say("Thank you, goodbye.");
      s.hangUp(goalLooksMet(c, s) ? "completed" : "callee_ended");
      return;
    }
    if (s.awaiting == Awaiting.GREETING_REPLY) {
      s.phase = Phase.PURSUING;
      // The other side talking over the introduction (people answer with their own greeting)
      // means the AI disclosure was not heard: it is said again, before the request.
      s.say(
          introHeard(s)
              ? Utterances.request(c)
              : Utterances.intro(c) + " " + Utterances.request(c));
      s.awaiting = firstAwaiting(c.plan().goalKind());
      return;
    }
    if (heard.contains(CallSignal.ASKED_WHO_OR_WHY)) {
      s.say(
          "I'm an AI assistant calling for "
              + Utterances.ownerName(c)
              + ". "
              + Utterances.request(c));
      return;
    }
    Intent intent = intents.classify(text).intent();
    if (intent == Intent.HOLD && !hasFacts(text)) {
      s.say("Sure, take your time.");
      return;
    }
    new GoalPursuit(c, s, text, intent, kit).run();
  }

  /** Whether the agent has finished an utterance the other side heard in full. */
  private static boolean introHeard(Session s) {
    return s.turns.stream().anyMatch(t -> t.speaker() == Turn.Speaker.AGENT && !t.interrupted());
  }

  /** Whether what was collected so far meets the goal, for a call the callee ends early. */
  private static boolean goalLooksMet(DialogContext c, Session s) {
    return switch (c.plan().goalKind()) {
      case BOOK_APPOINTMENT, MAKE_RESERVATION, RESCHEDULE ->
          s.slots.containsKey(Slots.APPOINTMENT_TIME);
      case GET_QUOTE -> s.slots.containsKey(Slots.PRICE);
      case CANCEL -> s.slots.containsKey(Slots.CANCELLED);
      case COMPLAINT -> s.slots.containsKey(Slots.RESOLVED);
      case ASK_QUESTION, REMINDER, OTHER ->
          s.slots.containsKey(Slots.ANSWER) || s.slots.containsKey(Slots.ACKNOWLEDGED);
    };
  }

  private boolean hasFacts(String text) {
    return kit.hasFacts(text);
  }

  private void rememberNames(Session s, String text) {
    List<PersonName> people = names.people(text);
    if (!people.isEmpty() && !s.slots.containsKey(Slots.PERSON_NAME)) {
      s.remember(Slots.PERSON_NAME, people.get(0).display());
    }
    List<String> businesses = names.businesses(text);
    if (!businesses.isEmpty() && !s.slots.containsKey(Slots.BUSINESS_NAME)) {
      s.remember(Slots.BUSINESS_NAME, businesses.get(0));
    }
  }

  private static Awaiting firstAwaiting(GoalKind kind) {
    return switch (kind) {
      case BOOK_APPOINTMENT, MAKE_RESERVATION, RESCHEDULE -> Awaiting.OFFER;
      case GET_QUOTE -> Awaiting.PRICE;
      case ASK_QUESTION, OTHER -> Awaiting.ANSWER;
      case CANCEL, COMPLAINT, REMINDER -> Awaiting.ACKNOWLEDGEMENT;
    };
  }

  private void menu(DialogContext c, Session s, List<MenuOption> options) {
    s.phase = Phase.MENU;
    s.menus++;
    if (s.menus > MAX_MENUS) {
      s.hangUp("menu_loop");
      return;
    }
    MenuOption choice = IvrNavigator.choose(options, c.plan());
    if (choice != null) {
      s.turns.add(
          new Turn(
              Turn.Speaker.SYSTEM,
              "[pressed " + choice.digits() + " for " + choice.label() + "]",
              false));
      s.act(new AgentAction.SendDtmf(choice.digits()));
    }
  }

  private void silence(DialogContext c, Session s) {
    switch (s.phase) {
      case VOICEMAIL -> voicemail(c, s);
      case AWAITING_APPROVAL ->
          s.say("Thanks for holding, I'm still checking with " + c.owner().firstName() + ".");
      case MENU -> {
        s.silences++;
        if (s.silences == 1) {
          s.act(new AgentAction.SendDtmf("0"));
        } else {
          s.hangUp("menu_dead_end");
        }
      }
      default -> {
        s.silences++;
        if (s.awaiting == Awaiting.GREETING_REPLY && s.silences == 1) {
          s.phase = Phase.PURSUING;
          s.say("Hello? " + Utterances.request(c));
          s.awaiting = firstAwaiting(c.plan().goalKind());
          s.silences = 0;
        } else if (s.silences == 1) {
          s.say("Hello, are you still there?");
        } else if (s.silences == 2 && s.lastAgentUtterance() != null) {
          s.say(s.lastAgentUtterance());
        } else {
          s.say("It seems we've been cut off. I'll try again later. Goodbye.");
          s.hangUp("no_response");
        }
      }
    }
  }

  private void voicemail(DialogContext c, Session s) {
    if (s.phase != Phase.VOICEMAIL && s.phase != Phase.OPENING && s.phase != Phase.MENU) {
      return;
    }
    if (c.settings().leaveVoicemail()) {
      s.say(Utterances.voicemail(c), false);
      s.hangUp("voicemail_left");
    } else {
      s.hangUp("voicemail_skipped");
    }
  }

  private void approvalDecided(DialogContext c, Session s, boolean approved) {
    if (s.phase != Phase.AWAITING_APPROVAL) {
      return;
    }
    s.phase = Phase.PURSUING;
    String price = s.slots.get(Slots.PRICE);
    if (approved) {
      s.remember(Slots.APPROVAL, "approved:" + price);
      s.say(
          "Thanks for holding. "
              + c.owner().firstName()
              + " is happy with "
              + Utterances.money(new BigDecimal(price))
              + ".");
      new GoalPursuit(c, s, "", Intent.NONE, kit).next();
    } else {
      s.remember(Slots.APPROVAL, "declined:" + price);
      s.say(
          "Thanks for holding. Unfortunately that's more than "
              + c.owner().firstName()
              + " wants to spend, so we'll leave it for now. Thank you for your help, goodbye.");
      s.hangUp("approval_declined");
    }
  }
}
