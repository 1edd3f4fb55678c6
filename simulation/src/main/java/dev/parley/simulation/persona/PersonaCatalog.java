package dev.parley.simulation.persona;

import dev.parley.emulator.callee.CalleeBehaviour.Outcome;
import dev.parley.emulator.callee.CalleeDirectory;
import dev.parley.emulator.callee.CalleeTurn;
import dev.parley.emulator.callee.SimulatedCallee;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * SIMULATION ONLY: the personas behind the fictional numbers {@code +1 212 555 01xx}, for the demo,
 * tests and the load harness.
 *
 * <p>Numbers follow the emulator's built-in ranges where a persona fits one (20s voicemail, 30s
 * busy, 40s no answer, 50s wrong number, 60s hang-ups, 70s barge-in), so the same number means the
 * same kind of callee with or without the catalogue. {@link #registerAll} puts every persona into
 * an emulator's {@link CalleeDirectory}; the directory's audio source (the offline synthesiser in a
 * {@code TwilioEmulator}) voices the lines.
 */
public final class PersonaCatalog {

  /** Bright Smile Dental: books a cleaning for $120. */
  public static final String DENTAL = SimulatedNumbers.number(1);

  /** Bright Smile Dental quoting $240, over a typical approval limit. */
  public static final String DENTAL_OVER_LIMIT = SimulatedNumbers.number(2);

  /** Iron Peak Fitness: a gym answering membership questions. */
  public static final String GYM = SimulatedNumbers.number(3);

  /** Dave Miller, a car-service customer (reminder and receptionist calls). */
  public static final String CAR_SERVICE_CUSTOMER = SimulatedNumbers.number(4);

  /** City Dental's phone menu: a person answers once a digit is pressed. */
  public static final String IVR = SimulatedNumbers.number(5);

  /** A person who asks to be put on the do-not-call list and hangs up. */
  public static final String DO_NOT_CALL = SimulatedNumbers.number(6);

  /**
   * Jordan Lee, a customer on file (a 2019 Toyota Camry), who calls the service centre to book an
   * oil change in an afternoon: the receptionist's inbound-call persona.
   */
  public static final String RECEPTION_KNOWN_CALLER = SimulatedNumbers.number(7);

  /** Sam Ortiz, a first-time caller who books a brake inspection for Thursday. */
  public static final String RECEPTION_NEW_CALLER = SimulatedNumbers.number(8);

  /** Voicemail: greeting, beep, silence. */
  public static final String VOICEMAIL = SimulatedNumbers.number(20);

  /** A busy line. */
  public static final String BUSY = SimulatedNumbers.number(30);

  /** Rings until the call's timeout. */
  public static final String NO_ANSWER = SimulatedNumbers.number(40);

  /** Nobody of that name lives there. */
  public static final String WRONG_NUMBER = SimulatedNumbers.number(50);

  /** Hangs up in the middle of its second line. */
  public static final String HANGS_UP_MID_SENTENCE = SimulatedNumbers.number(60);

  /** Interrupts the agent's long turn. */
  public static final String INTERRUPTS = SimulatedNumbers.number(70);

  private final Map<String, Persona> byNumber;

  private PersonaCatalog(List<Persona> personas) {
    Map<String, Persona> m = new LinkedHashMap<>();
    for (Persona p : personas) {
      if (m.put(p.number(), p) != null) {
        throw new IllegalArgumentException("two personas share " + p.number());
      }
    }
    this.byNumber = m;
  }

  /** A catalogue of exactly {@code personas} (numbers must be distinct). */
  public static PersonaCatalog of(List<Persona> personas) {
    return new PersonaCatalog(personas);
  }

  /** The standard catalogue: every persona listed in this class's constants. */
  public static PersonaCatalog standard() {
    PersonaTiming t = PersonaTiming.DEFAULT;
    String dentalGreeting = "Bright Smile Dental, this is Maria speaking, how can I help you?";
    return new PersonaCatalog(
        List.of(
            human(
                DENTAL,
                "Bright Smile Dental",
                "A dental office that books a cleaning within budget.",
                t,
                dentalGreeting,
                "We have an opening this Thursday at 10:30 in the morning for a cleaning, and it's"
                    + " 120 dollars.",
                "You're all set for Thursday at 10:30. Your confirmation number is B as in bravo,"
                    + " 7, 4, X-ray, 9.",
                "You're welcome, have a great day!"),
            human(
                DENTAL_OVER_LIMIT,
                "Bright Smile Dental (over limit)",
                "The same dental office quoting above the caller's limit, for the approval path.",
                t,
                dentalGreeting,
                "We have an opening this Thursday at 10:30 in the morning for a cleaning, and it's"
                    + " 240 dollars.",
                "Sure, take your time. Shall I hold the Thursday slot for you?",
                "You're all set for Thursday at 10:30. Your confirmation number is B as in bravo,"
                    + " 7, 4, X-ray, 9.",
                "You're welcome, have a great day!"),
            human(
                GYM,
                "Iron Peak Fitness",
                "A gym answering questions about memberships.",
                t,
                "Iron Peak Fitness, front desk, this is Jordan.",
                "Our monthly membership is 49 dollars, and there's no joining fee this month.",
                "Yes, classes are included, and we're open from 5 in the morning to 11 at night.",
                "Great, I've noted your name for a free trial day. See you soon!"),
            human(
                CAR_SERVICE_CUSTOMER,
                "Dave Miller",
                "A car-service customer, for inbound receptionist and reminder calls.",
                t,
                "Hello, this is Dave Miller.",
                "Oh right, the service for my Honda Civic. Tuesday at 9 still works for me.",
                "Yes, I'll bring it in. Thanks for the reminder.",
                "Bye now."),
            caller(
                RECEPTION_KNOWN_CALLER,
                "Jordan Lee",
                "A customer on file who calls in to book an afternoon oil change for the Camry.",
                t,
                "Hi, I'd like to book an oil change for my Camry.",
                "Do you have anything in the afternoon?",
                "Yes, please book that.",
                "No, that's all. Thanks, bye."),
            caller(
                RECEPTION_NEW_CALLER,
                "Sam Ortiz",
                "A first-time caller who books a brake inspection and would rather come Thursday.",
                t,
                "Hi, I need my brakes looked at.",
                "This is Sam Ortiz, it's a 2015 Ford Focus.",
                "No, Thursday would be better.",
                "Yes, that works.",
                "That's all, thank you. Goodbye."),
            new Persona(
                IVR,
                "City Dental phone menu",
                "A phone menu that answers only a keypress; then a person takes the call.",
                Outcome.ANSWER_HUMAN,
                List.of(
                    "Thank you for calling City Dental. For appointments, press 1. For billing,"
                        + " press 2.",
                    "Appointments desk, this is Jenny. How can I help you?",
                    "We can see you next Monday at 2 in the afternoon. Does that work?",
                    "Perfect, you're booked. Goodbye!"),
                true,
                false,
                t,
                true),
            hangsUp(
                DO_NOT_CALL,
                "Do-not-call request",
                "A person who asks to be put on the do-not-call list, then hangs up.",
                t,
                "Hello?",
                "Please stop calling me and put me on your do not call list."),
            new Persona(
                VOICEMAIL,
                "Sam Carter's voicemail",
                "A voicemail box: greeting, a 1 kHz beep, then silence while it records.",
                Outcome.ANSWER_MACHINE,
                List.of(
                    "Hi, you've reached Sam Carter. I can't take your call right now. Please leave"
                        + " a message after the tone."),
                true,
                false,
                t.ringingFor(Duration.ofSeconds(2))),
            new Persona(
                BUSY, "Busy line", "The line is busy.", Outcome.BUSY, List.of(), false, false, t),
            new Persona(
                NO_ANSWER,
                "No answer",
                "Rings until the call's timeout.",
                Outcome.NO_ANSWER,
                List.of(),
                false,
                false,
                t),
            hangsUp(
                WRONG_NUMBER,
                "Wrong number",
                "Nobody of the asked-for name lives here; hangs up after saying so.",
                t,
                "Hello?",
                "Sorry, there's no one here by that name."),
            human(
                HANGS_UP_MID_SENTENCE,
                "Hangs up mid-sentence",
                "A person who hangs up eight seconds after answering, in the middle of a line.",
                t.hangingUpAfter(Duration.ofSeconds(8)),
                "Hello, who's calling?",
                "Look, I'm really busy right now, so if this is about the appointment you'll have"
                    + " to call me back some other time, maybe next week or the week after."),
            human(
                INTERRUPTS,
                "Interrupting caller",
                "A person who talks over the agent's second turn once it has lasted 1.5 seconds.",
                t.bargingIntoTurn(2, Duration.ofMillis(1500)),
                "Hello?",
                "Sorry to cut in, but I only have a minute. What is this about?",
                "Fine, Friday works for me.",
                "Bye.")));
  }

  private static Persona human(
      String number, String name, String description, PersonaTiming timing, String... lines) {
    return new Persona(
        number, name, description, Outcome.ANSWER_HUMAN, List.of(lines), true, false, timing);
  }

  /** Someone who calls in: the agent answering speaks first. */
  private static Persona caller(
      String number, String name, String description, PersonaTiming timing, String... lines) {
    return new Persona(
        number, name, description, Outcome.ANSWER_HUMAN, List.of(lines), false, false, timing);
  }

  private static Persona hangsUp(
      String number, String name, String description, PersonaTiming timing, String... lines) {
    return new Persona(
        number, name, description, Outcome.ANSWER_HUMAN, List.of(lines), true, true, timing);
  }

  /** The persona behind {@code number}, if catalogued. */
  public Optional<Persona> find(String number) {
    return Optional.ofNullable(byNumber.get(number));
  }

  /**
   * The persona a simulated {@code number} reaches on an emulator set up by {@link #registerAll}:
   * the catalogued one, else the emulator's built-in behaviour for that number (a plain person,
   * voicemail, …) read as a persona. Empty for numbers outside the fictional range.
   */
  public Optional<Persona> resolve(String number) {
    if (!SimulatedNumbers.isSimulated(number)) {
      return Optional.empty();
    }
    Persona p = byNumber.get(number);
    return Optional.of(p != null ? p : builtIn(number));
  }

  /** Every persona, in catalogue order. */
  public Collection<Persona> personas() {
    return List.copyOf(byNumber.values());
  }

  /**
   * Registers every persona's behaviour in {@code directory}, voiced by its audio source. A phone
   * menu's scripted callee is wrapped so it hears only keypresses until the first digit.
   */
  public void registerAll(CalleeDirectory directory) {
    for (Persona p : byNumber.values()) {
      PersonaTiming t = p.timing();
      if (p.menu() || t.bargeInTurn() > 0) {
        // An unregistered number's entry carries the directory's own scripted-callee factory
        // (cached synthesis on its executor); the wrapper changes only what that callee hears.
        directory.unregister(p.number());
        SimulatedCallee.Factory scripted = directory.lookup(p.number()).factory();
        int gap = (int) (t.turnGap().toMillis() / 20);
        SimulatedCallee.Factory wrapped =
            p.menu()
                ? (to, behaviour) -> new DigitGatedCallee(scripted.create(to, behaviour))
                : (to, behaviour) ->
                    new InterruptingCallee(
                        scripted.create(to, behaviour),
                        t.bargeInTurn(),
                        (int) (t.bargeInAfter().orElseThrow().toMillis() / 20),
                        gap);
        directory.register(p.number(), p.behaviour(), wrapped);
      } else {
        directory.register(p.number(), p.behaviour());
      }
    }
  }

  /** The emulator's default behaviour for an uncatalogued fictional number, as a persona. */
  private static Persona builtIn(String number) {
    var b = CalleeDirectory.defaultBehaviour(number);
    List<String> lines =
        b.script().stream()
            .filter(turn -> turn.kind() == CalleeTurn.Kind.SAY)
            .map(CalleeTurn::argument)
            .toList();
    boolean hangsUp =
        !b.script().isEmpty()
            && b.script().get(b.script().size() - 1).kind() == CalleeTurn.Kind.HANG_UP;
    PersonaTiming timing =
        new PersonaTiming(b.ringFor(), b.turnGap(), b.bargeInAfter(), b.hangUpAfter());
    return new Persona(
        number,
        "Emulator default " + number,
        "The Twilio emulator's built-in callee for this number.",
        b.outcome(),
        lines,
        b.speaksFirst(),
        hangsUp,
        timing);
  }
}
