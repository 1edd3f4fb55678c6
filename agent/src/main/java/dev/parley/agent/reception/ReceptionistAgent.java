package dev.parley.agent.reception;

import dev.parley.agent.dialog.AgentAction;
import dev.parley.agent.dialog.ConversationState;
import dev.parley.agent.dialog.ConversationState.Awaiting;
import dev.parley.agent.dialog.ConversationState.Phase;
import dev.parley.agent.dialog.DialogContext;
import dev.parley.agent.dialog.DialogEvent;
import dev.parley.agent.dialog.DialogTurn;
import dev.parley.agent.dialog.PhraseGuard;
import dev.parley.agent.dialog.Turn;
import dev.parley.agent.dialog.WorkingState;
import dev.parley.agent.language.Articles;
import dev.parley.agent.language.TemporalMention;
import dev.parley.agent.llm.SentenceSink;
import dev.parley.agent.llm.SentenceSplitter;
import dev.parley.agent.llm.StreamingDialogAgent;
import dev.parley.agent.planning.CallPlan;
import dev.parley.agent.planning.GoalKind;
import dev.parley.agent.planning.Tone;
import dev.parley.agent.reception.ReceptionLanguage.Want;
import dev.parley.agent.reception.ServiceDesk.Appointment;
import dev.parley.agent.reception.ServiceDesk.Customer;
import dev.parley.agent.reception.ServiceDesk.ServiceOffer;
import dev.parley.agent.reception.ServiceDesk.Vehicle;
import java.time.Clock;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The virtual receptionist of a car-service centre, with rules: greets as the centre and says it is
 * an AI assistant, books a service (which service, which vehicle, the earliest open slot that suits
 * the caller, confirmed before it is booked, read back with its confirmation code), moves or
 * cancels the caller's next appointment, answers opening hours and prices, and takes a message for
 * anything else. The calendar is reached through the {@link ServiceDesk} it is given, during the
 * turn. Stateless: what it is doing lives in the state's slots under {@code rx.*}.
 */
public final class ReceptionistAgent implements StreamingDialogAgent {

  /** How far ahead slots are searched. */
  private static final int SEARCH_DAYS = 21;

  /** Misunderstood turns before the receptionist offers to take a message. */
  private static final int MAX_MISSES = 2;

  private static final int MAX_TURNS = 30;

  // Slot keys of the receptionist's working memory.
  static final String STEP = "rx.step";
  static final String SERVICE = "rx.service";
  static final String VEHICLE_ID = "rx.vehicle_id";
  static final String VEHICLE = "rx.vehicle";
  static final String NAME = "rx.name";
  static final String OFFER = "rx.offer";

  /** Times another receptionist offered together, any of which the caller may pick. */
  static final String OFFERS = "rx.offers";

  static final String NOT_BEFORE = "rx.not_before";
  static final String PART_OF_DAY = "rx.part_of_day";
  static final String REPLACES = "rx.replaces";

  /**
   * The appointment the caller asked to cancel, until they confirm; apart from {@link #REPLACES} so
   * that a cancel asked about during a move leaves the move as it was.
   */
  static final String CANCELS = "rx.cancels";

  static final String MISSES = "rx.misses";
  static final String BOOKED = "rx.booked";

  /**
   * What cancelling takes and costs, for a caller who asks ("how much does it cost to cancel?"):
   * the desk cancels by phone and holds no cancellation charge, so none is quoted or promised.
   */
  static final String CANCELLATION_ANSWER =
      "If you need to, you can call us to cancel or move an appointment, and I can do that for you"
          + " on the phone. I don't have a cancellation charge on file to quote you.";

  private final ServiceDesk desk;
  private final Clock clock;
  private final ReceptionLanguage language = new ReceptionLanguage();

  /** A receptionist answering for the centre behind {@code desk}. */
  public ReceptionistAgent(ServiceDesk desk, Clock clock) {
    this.desk = desk;
    this.clock = clock;
  }

  /**
   * The plan of an inbound call the receptionist answers: what success is (the caller's request
   * handled, a booking made when they wanted one), who is on the line, and when.
   */
  public static CallPlan inboundPlan(String businessName, String callerPhone, ZonedDateTime now) {
    return new CallPlan(
        "Answer the inbound call as the receptionist of " + businessName,
        "Handle the caller's request: book, move or cancel a service appointment, answer"
            + " questions, or take a message",
        GoalKind.BOOK_APPOINTMENT,
        "car service",
        null,
        List.of(),
        callerPhone,
        null,
        null,
        null,
        Tone.FRIENDLY,
        List.of("Only offer times the service calendar shows as open"),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        now);
  }

  @Override
  public DialogTurn respond(
      DialogContext context, ConversationState state, DialogEvent event, SentenceSink sink) {
    return takeOver(context, state, event, Handover.NONE, sink);
  }

  /**
   * What another receptionist on the call (the model) had put to the caller when these rules take a
   * turn over from it.
   *
   * @param service the code of the service it found open times for, or null
   * @param offered the open times its last words offered the caller, as the desk returned them
   */
  public record Handover(String service, List<ZonedDateTime> offered) {
    /** Nothing in hand: the rules answer as if they had held the call. */
    public static final Handover NONE = new Handover(null, List.of());

    public Handover {
      offered = List.copyOf(offered);
    }
  }

  /**
   * Answers {@code event} in place of another receptionist that held the call until now. A booking
   * it had in hand ({@code handover}) is taken up with what the caller already said (the service,
   * their name, the car), so the caller is neither asked again nor offered a different time: a yes
   * books the one time offered, naming one of the times offered books that one. With nothing in
   * hand this is {@link #respond}.
   */
  public DialogTurn takeOver(
      DialogContext context,
      ConversationState state,
      DialogEvent event,
      Handover handover,
      SentenceSink sink) {
    Desk d = new Desk(context, state);
    if (state.ended()) {
      return d.finish();
    }
    if (handover.service() != null
        && desk.services().stream().anyMatch(s -> s.code().equals(handover.service()))) {
      takeUp(d, handover);
    }
    return streamed(turn(d, event), sink);
  }

  /** Puts {@code h} and what the caller said before this turn into the rules' working memory. */
  private void takeUp(Desk d, Handover h) {
    d.clearBooking();
    d.slots.put(SERVICE, h.service());
    Optional<Customer> customer = desk.customer(d.phone());
    customer.ifPresent(c -> d.slots.putIfAbsent(NAME, c.name()));
    List<Vehicle> vehicles = customer.map(Customer::vehicles).orElse(List.of());
    if (vehicles.size() == 1) {
      d.slots.putIfAbsent(VEHICLE_ID, vehicles.get(0).id());
      d.slots.putIfAbsent(VEHICLE, vehicles.get(0).description());
    }
    for (Turn t : d.turns) {
      if (t.speaker() != Turn.Speaker.CALLEE) {
        continue;
      }
      String name = language.name(t.text());
      if (name != null) {
        d.slots.putIfAbsent(NAME, name);
      }
      Optional<Vehicle> v = language.vehicle(t.text(), vehicles);
      String described = language.describedVehicle(t.text());
      if (v.isPresent() && !d.slots.containsKey(VEHICLE)) {
        d.slots.put(VEHICLE_ID, v.get().id());
        d.slots.put(VEHICLE, v.get().description());
      } else if (described != null) {
        d.slots.putIfAbsent(VEHICLE, described);
      }
    }
    if (h.offered().isEmpty()) {
      if (!d.slots.containsKey(NAME) || !d.slots.containsKey(VEHICLE)) {
        d.slots.put(STEP, "details");
      }
      return;
    }
    d.slots.put(STEP, "confirm_slot");
    d.awaiting = Awaiting.OFFER;
    d.slots.put(
        OFFERS, h.offered().stream().map(ZonedDateTime::toString).collect(Collectors.joining(" ")));
    if (h.offered().size() == 1) {
      d.slots.put(OFFER, h.offered().get(0).toString());
    }
  }

  /**
   * The turn's words go to the sink sentence by sentence (the streaming contract): with an LLM
   * provider the control plane plays only what the sink received.
   */
  private static DialogTurn streamed(DialogTurn turn, SentenceSink sink) {
    for (AgentAction a : turn.actions()) {
      if (a instanceof AgentAction.Speak s) {
        SentenceSplitter.split(s.text()).forEach(sink::sentence);
      }
    }
    return turn;
  }

  private DialogTurn turn(Desk d, DialogEvent event) {
    if (event instanceof DialogEvent.CallAnswered) {
      d.phase = Phase.PURSUING;
      d.say(
          "Thank you for calling "
              + desk.businessName()
              + ". This is Parley, the centre's AI assistant. How can I help you today?");
    } else if (event instanceof DialogEvent.CalleeSaid said) {
      d.turns.add(new Turn(Turn.Speaker.CALLEE, said.text(), false));
      d.silences = 0;
      heard(d, said.text());
    } else if (event instanceof DialogEvent.SilenceTimeout) {
      if (++d.silences >= 2) {
        d.say("I'll let you go. Thanks for calling " + desk.businessName() + ". Goodbye.");
        d.hangUp("no_response");
      } else {
        d.say("Are you still there?");
      }
    } else if (event instanceof DialogEvent.BargeIn barge) {
      d.cutLastAgentTurn(barge.heardText());
    } else if (event instanceof DialogEvent.DtmfReceived dtmf) {
      d.turns.add(new Turn(Turn.Speaker.SYSTEM, "[caller pressed " + dtmf.digits() + "]", false));
    }
    if (d.phase != Phase.ENDED && d.agentTurns >= MAX_TURNS) {
      d.say("I'll ask the team to call you back. Goodbye.");
      d.hangUp("too_long");
    }
    return d.finish();
  }

  // ---- what the caller said --------------------------------------------------------------------

  private void heard(Desk d, String text) {
    String step = d.slots.getOrDefault(STEP, "");
    switch (step) {
      case "confirm_slot" -> confirmSlot(d, text);
      case "which_service" -> chooseService(d, text);
      case "details" -> details(d, text);
      case "confirm_cancel" -> confirmCancel(d, text);
      case "message" -> message(d, text);
      default -> request(d, text);
    }
  }

  /** A new request, or the answer to "anything else?". */
  private void request(Desk d, String text) {
    Want want = language.want(text);
    if (want == Want.UNKNOWN && "anything_else".equals(d.slots.get(STEP)) && language.no(text)) {
      want = Want.DONE;
    }
    switch (want) {
      case DONE -> goodbye(d, "");
      case HOURS -> anythingElse(d, "We're open " + desk.openingHours() + ".");
      case PRICE -> anythingElse(d, priceOf(text, null));
      case CANCEL_QUESTION -> anythingElse(d, CANCELLATION_ANSWER);
      case CANCEL, RESCHEDULE -> existing(d, want);
      case BOOK -> startBooking(d, text);
      default -> misunderstood(d, text);
    }
  }

  /** Closes the call politely after {@code first} (which may be empty), and hangs up. */
  private void goodbye(Desk d, String first) {
    d.say(
        (first.isEmpty() ? "" : first + " ")
            + "Thanks for calling "
            + desk.businessName()
            + ". Have a great day. Goodbye!");
    d.hangUp(d.slots.containsKey(BOOKED) ? "completed" : "caller_done");
  }

  /**
   * The price of the service named in {@code text}, else of {@code inHand} (the service being
   * booked, or null), else the price list.
   */
  private String priceOf(String text, ServiceOffer inHand) {
    Optional<ServiceOffer> s =
        language.service(text, desk.services()).or(() -> Optional.ofNullable(inHand));
    if (s.isEmpty()) {
      String list =
          desk.services().stream()
              .filter(o -> o.price() != null)
              .map(o -> Articles.withArticle(o.name()) + " is $" + o.price().toPlainString())
              .collect(Collectors.joining(", "));
      return list.isEmpty() ? "Prices are quoted after inspection." : "Sure: " + list + ".";
    }
    ServiceOffer o = s.get();
    return o.price() == null
        ? capitalized(Articles.withArticle(o.name())) + " is quoted after we inspect the car."
        : capitalized(Articles.withArticle(o.name())) + " is $" + o.price().toPlainString() + ".";
  }

  private void startBooking(Desk d, String text) {
    if (desk.services().isEmpty()) {
      d.slots.put(STEP, "message");
      d.say(
          "I'm not able to book appointments by phone yet, but I can pass a message to the team."
              + " What would you like me to tell them?");
      return;
    }
    remember(d, text);
    Optional<ServiceOffer> s = language.service(text, desk.services());
    if (s.isEmpty() && !d.slots.containsKey(SERVICE)) {
      d.slots.put(STEP, "which_service");
      d.say(
          "Of course. Which service do you need? We do "
              + desk.services().stream().map(ServiceOffer::name).collect(Collectors.joining(", "))
              + ".");
      return;
    }
    s.ifPresent(o -> d.slots.put(SERVICE, o.code()));
    continueBooking(d, text);
  }

  private void chooseService(Desk d, String text) {
    remember(d, text);
    Optional<ServiceOffer> s = language.service(text, desk.services());
    if (s.isEmpty()) {
      misunderstood(d, text);
      return;
    }
    d.slots.put(SERVICE, s.get().code());
    continueBooking(d, text);
  }

  /** The vehicle and the caller's name, then an offer. */
  private void continueBooking(Desk d, String text) {
    Optional<Customer> customer = desk.customer(d.phone());
    customer.ifPresent(c -> d.slots.putIfAbsent(NAME, c.name()));
    if (!d.slots.containsKey(VEHICLE)) {
      List<Vehicle> vehicles = customer.map(Customer::vehicles).orElse(List.of());
      Optional<Vehicle> v =
          vehicles.size() == 1 ? Optional.of(vehicles.get(0)) : language.vehicle(text, vehicles);
      if (v.isPresent()) {
        d.slots.put(VEHICLE_ID, v.get().id());
        d.slots.put(VEHICLE, v.get().description());
      } else if (language.describedVehicle(text) != null) {
        d.slots.put(VEHICLE, language.describedVehicle(text));
      }
    }
    if (!d.slots.containsKey(VEHICLE) || !d.slots.containsKey(NAME)) {
      d.slots.put(STEP, "details");
      List<Vehicle> vehicles = customer.map(Customer::vehicles).orElse(List.of());
      if (d.slots.containsKey(NAME) && vehicles.size() > 1) {
        d.say(
            "Which car is it for: "
                + vehicles.stream()
                    .map(v -> "the " + v.description())
                    .collect(Collectors.joining(" or "))
                + "?");
      } else if (d.slots.containsKey(NAME)) {
        d.say("Which car is it for? The year, make and model, please.");
      } else {
        d.say("Can I have your name, and the year, make and model of the car?");
      }
      return;
    }
    offer(d);
  }

  private void details(Desk d, String text) {
    String name = language.name(text);
    if (name != null) {
      d.slots.putIfAbsent(NAME, name);
    }
    List<Vehicle> vehicles = desk.customer(d.phone()).map(Customer::vehicles).orElse(List.of());
    Optional<Vehicle> v = language.vehicle(text, vehicles);
    if (v.isPresent()) {
      d.slots.put(VEHICLE_ID, v.get().id());
      d.slots.put(VEHICLE, v.get().description());
    } else if (language.describedVehicle(text) != null) {
      d.slots.put(VEHICLE, language.describedVehicle(text));
    }
    if (!d.slots.containsKey(VEHICLE) || !d.slots.containsKey(NAME)) {
      misunderstood(d, text);
      return;
    }
    remember(d, text);
    offer(d);
  }

  /** Offers the earliest open slot that suits what the caller asked for. */
  private void offer(Desk d) {
    ServiceOffer service = d.service();
    String previous = d.slots.get(OFFER);
    ZonedDateTime now = ZonedDateTime.ofInstant(clock.instant(), desk.zone());
    ZonedDateTime from = now.plusHours(1).truncatedTo(ChronoUnit.HOURS);
    if (d.slots.containsKey(NOT_BEFORE)) {
      ZonedDateTime asked = ZonedDateTime.parse(d.slots.get(NOT_BEFORE));
      from = asked.isAfter(from) ? asked : from;
    }
    String part = d.slots.get(PART_OF_DAY);
    ZonedDateTime slot = null;
    for (int day = 0; day < SEARCH_DAYS && slot == null; day++) {
      ZonedDateTime dayStart = from.toLocalDate().plusDays(day).atStartOfDay(desk.zone());
      ZonedDateTime lo = day == 0 ? from : dayStart;
      ZonedDateTime hi = dayStart.plusDays(1);
      if (part != null) {
        dev.parley.agent.language.PartOfDay p = dev.parley.agent.language.PartOfDay.valueOf(part);
        ZonedDateTime partStart = dayStart.with(p.start());
        lo = lo.isAfter(partStart) ? lo : partStart;
        hi = dayStart.with(p.end());
      }
      if (lo.isBefore(hi)) {
        List<ZonedDateTime> open = desk.openSlots(service, lo, hi, 1);
        slot = open.isEmpty() ? null : open.get(0);
      }
    }
    d.slots.remove(OFFERS);
    if (slot == null) {
      d.slots.remove(OFFER);
      d.slots.put(STEP, "confirm_slot");
      d.say(
          "I'm sorry, I don't have an opening for "
              + Articles.withArticle(service.name())
              + " that fits in the next three weeks. Would another day or time work?");
      d.slots.remove(PART_OF_DAY);
      return;
    }
    d.slots.put(OFFER, slot.toString());
    d.slots.put(STEP, "confirm_slot");
    d.awaiting = Awaiting.OFFER;
    if (part != null && slot.toString().equals(previous)) {
      // The time on offer already suits ("anything in the afternoon?" when 1 PM was offered): the
      // same sentence again sounded as if the caller had not been heard.
      d.say(
          "Yes: "
              + ReceptionLanguage.spoken(slot)
              + " is in the "
              + part.toLowerCase(java.util.Locale.ROOT)
              + ", and it's the earliest I have. Does that work for you?");
      return;
    }
    d.say(
        "The earliest I have for "
            + Articles.withArticle(service.name())
            + " on your "
            + d.slots.get(VEHICLE)
            + " is "
            + ReceptionLanguage.spoken(slot)
            + ". Does that work for you?");
  }

  private void confirmSlot(Desk d, String text) {
    boolean yes = language.yes(text);
    TemporalMention when =
        language.when(text, ZonedDateTime.ofInstant(clock.instant(), desk.zone()));
    List<ZonedDateTime> offers = d.offers();
    // "Not at 1 PM" names a time too.
    Optional<ZonedDateTime> picked =
        when == null || language.no(text) ? Optional.empty() : picked(when, offers);
    if (picked.isPresent()) {
      d.slots.remove(OFFERS);
      d.slots.put(OFFER, picked.get().toString());
      book(d);
      return;
    }
    if (aside(d, text)) {
      return;
    }
    if (yes && when == null && offers.size() > 1) {
      d.say(
          "Which one would you like: "
              + offers.stream().map(ReceptionLanguage::spoken).collect(Collectors.joining(" or "))
              + "?");
      return;
    }
    if (yes && when == null && d.slots.containsKey(OFFER)) {
      book(d);
      return;
    }
    if (!yes && language.finished(text)) {
      d.clearBooking();
      goodbye(d, "No problem, I won't book that time.");
      return;
    }
    if (when != null || language.later(text) || language.no(text)) {
      if (when != null) {
        if (when.hasDate() || when.hasTime() && when.partOfDay() == null) {
          d.slots.put(NOT_BEFORE, when.start().withZoneSameInstant(desk.zone()).toString());
        }
        if (when.partOfDay() != null) {
          d.slots.put(PART_OF_DAY, when.partOfDay().name());
        }
      } else if (d.slots.containsKey(OFFER)) {
        d.slots.put(NOT_BEFORE, ZonedDateTime.parse(d.slots.get(OFFER)).plusMinutes(1).toString());
      }
      if (when == null && !language.later(text) && !d.slots.containsKey(PART_OF_DAY)) {
        d.slots.put(STEP, "confirm_slot");
        d.slots.remove(OFFER);
        d.say("No problem. What day or time would suit you better?");
        return;
      }
      offer(d);
      return;
    }
    misunderstood(d, text);
  }

  /**
   * Answers a question that is not about the time on offer (opening hours, a price, cancelling) and
   * puts the offer to the caller again, so it stays open: false when {@code text} is none of these.
   * A request to cancel the caller's existing appointment is checked with them first ({@link
   * #confirmCancel}), which comes back to the offer too.
   */
  private boolean aside(Desk d, String text) {
    Want want = language.want(text);
    if (want == Want.CANCEL_QUESTION) {
      stillOffered(d, CANCELLATION_ANSWER);
    } else if (want == Want.HOURS) {
      stillOffered(d, "We're open " + desk.openingHours() + ".");
    } else if (want == Want.PRICE) {
      stillOffered(d, priceOf(text, d.service()));
    } else if (want == Want.CANCEL && !language.cancelThat(text)) {
      existing(d, want);
    } else {
      return false;
    }
    return true;
  }

  /**
   * Says {@code sentence}, then asks again about the time still on offer (or, with none in hand,
   * which day would suit), waiting for the answer in {@code confirm_slot}; with no booking in hand
   * at all, asks whether there is anything else.
   */
  private void backToBooking(Desk d, String sentence) {
    if (!d.slots.containsKey(OFFER)
        && !d.slots.containsKey(OFFERS)
        && !"confirm_slot".equals(d.slots.get(STEP))) {
      anythingElse(d, sentence);
      return;
    }
    stillOffered(d, sentence);
  }

  private void stillOffered(Desk d, String sentence) {
    d.slots.put(STEP, "confirm_slot");
    List<ZonedDateTime> offers = d.offers();
    if (offers.size() > 1) {
      d.awaiting = Awaiting.OFFER;
      d.say(
          sentence
              + " Would "
              + offers.stream().map(ReceptionLanguage::spoken).collect(Collectors.joining(" or "))
              + " work for you?");
    } else if (d.slots.containsKey(OFFER)) {
      d.awaiting = Awaiting.OFFER;
      d.say(
          sentence
              + " Does "
              + ReceptionLanguage.spoken(ZonedDateTime.parse(d.slots.get(OFFER)))
              + " still work for you?");
    } else {
      d.say(sentence + " What day or time would suit you for the booking?");
    }
  }

  /**
   * The one of {@code offers} the caller named: a clock time (AM or PM either way) on the day named
   * if one was, or a day alone; empty when none or more than one fit, or the caller named a part of
   * the day ("anything in the afternoon?" asks for something else).
   */
  private Optional<ZonedDateTime> picked(TemporalMention when, List<ZonedDateTime> offers) {
    boolean clock = when.kind() == TemporalMention.Kind.POINT && when.hasTime();
    if (!clock && (when.hasTime() || !when.hasDate())) {
      return Optional.empty();
    }
    ZonedDateTime said = when.start().withZoneSameInstant(desk.zone());
    List<ZonedDateTime> fit =
        offers.stream()
            .filter(
                o ->
                    !clock
                        || o.getMinute() == said.getMinute()
                            && o.getHour() % 12 == said.getHour() % 12)
            .filter(o -> !when.hasDate() || o.getDayOfWeek() == said.getDayOfWeek())
            .toList();
    return fit.size() == 1 ? Optional.of(fit.get(0)) : Optional.empty();
  }

  private void book(Desk d) {
    ServiceOffer service = d.service();
    ZonedDateTime start = ZonedDateTime.parse(d.slots.get(OFFER));
    if (!d.slots.containsKey(NAME) || !d.slots.containsKey(VEHICLE)) {
      // Taken over with the name or the car not yet said: ask, then offer this time again.
      d.slots.remove(OFFER);
      d.slots.put(NOT_BEFORE, start.toString());
      continueBooking(d, "");
      return;
    }
    Optional<Appointment> booked =
        desk.book(
            d.phone(),
            d.slots.get(NAME),
            d.slots.get(VEHICLE_ID),
            d.slots.containsKey(VEHICLE_ID) ? null : d.slots.get(VEHICLE),
            service,
            start);
    if (booked.isEmpty()) {
      d.slots.put(NOT_BEFORE, start.plusMinutes(1).toString());
      d.say("I'm sorry, that time was just taken.");
      offer(d);
      return;
    }
    Appointment a = booked.get();
    String moved = "";
    if (d.slots.containsKey(REPLACES)) {
      desk.cancel(d.slots.remove(REPLACES));
      moved = " and I've cancelled your earlier time";
    }
    d.slots.put(BOOKED, a.id());
    d.tool("appointment_booked", Map.of("appointment_id", a.id(), "start", start.toString()));
    d.tool("record_fact", Map.of("key", "appointment_time", "value", start.toString()));
    d.tool("record_fact", Map.of("key", "confirmation_code", "value", a.confirmationCode()));
    d.clearBooking();
    anythingElse(
        d,
        "You're all set: "
            + Articles.withArticle(a.serviceName())
            + " for your "
            + a.vehicle()
            + " on "
            + ReceptionLanguage.spoken(a.start())
            + moved
            + ". Your confirmation code is "
            + ReceptionLanguage.spelled(a.confirmationCode())
            + "."
            + (a.reminderAt() == null
                ? ""
                : " We'll give you a reminder call on "
                    + a.reminderAt().getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.US)
                    + "."));
  }

  /** Cancel or move: find the caller's next appointment and check it is the one. */
  private void existing(Desk d, Want want) {
    Optional<Appointment> next = desk.nextAppointment(d.phone());
    if (next.isEmpty()) {
      backToBooking(d, "I can't find an upcoming appointment for this number.");
      return;
    }
    Appointment a = next.get();
    if (want == Want.RESCHEDULE) {
      d.slots.put(REPLACES, a.id());
      desk.services().stream()
          .filter(s -> s.code().equals(a.serviceCode()))
          .findFirst()
          .ifPresent(s -> d.slots.put(SERVICE, s.code()));
      d.slots.put(VEHICLE, a.vehicle() == null ? "car" : a.vehicle());
      desk.customer(d.phone()).ifPresent(c -> d.slots.put(NAME, c.name()));
      d.slots.put(NOT_BEFORE, a.start().plusMinutes(1).toString());
      d.say("I see your " + a.serviceName() + " on " + ReceptionLanguage.spoken(a.start()) + ".");
      offer(d);
      return;
    }
    d.slots.put(CANCELS, a.id());
    d.slots.put(STEP, "confirm_cancel");
    d.say(
        "I see your "
            + a.serviceName()
            + " on "
            + ReceptionLanguage.spoken(a.start())
            + ". Shall I cancel it?");
  }

  private void confirmCancel(Desk d, String text) {
    if (language.yes(text)) {
      String id = d.slots.remove(CANCELS);
      boolean done = id != null && desk.cancel(id);
      if (id != null && id.equals(d.slots.get(REPLACES))) {
        // The appointment being moved is gone: the booking in hand is a new one.
        d.slots.remove(REPLACES);
      }
      d.tool("appointment_cancelled", Map.of("done", Boolean.toString(done)));
      d.slots.remove(STEP);
      backToBooking(d, done ? "It's cancelled." : "That appointment was already cancelled.");
    } else if (language.no(text)) {
      d.slots.remove(CANCELS);
      d.slots.remove(STEP);
      backToBooking(d, "Okay, I'll leave it as it is.");
    } else {
      misunderstood(d, text);
    }
  }

  private void message(Desk d, String text) {
    desk.takeMessage(d.phone(), d.slots.get(NAME), text);
    d.tool("message_taken", Map.of("message", text));
    d.slots.remove(STEP);
    anythingElse(d, "Thanks, I've passed that on. Someone from the team will call you back.");
  }

  private void misunderstood(Desk d, String text) {
    int misses = Integer.parseInt(d.slots.getOrDefault(MISSES, "0")) + 1;
    d.slots.put(MISSES, Integer.toString(misses));
    if (misses > MAX_MISSES) {
      d.slots.put(MISSES, "0");
      d.slots.put(STEP, "message");
      d.say("I'm sorry, I'm not getting it. What message should I pass on to the team?");
      return;
    }
    d.say(
        "Sorry, I didn't quite get that. I can book, move or cancel a service appointment, tell you"
            + " our hours and prices, or take a message. What would you like to do?");
    d.slots.put(STEP, "request");
  }

  private void anythingElse(Desk d, String sentence) {
    d.slots.put(STEP, "anything_else");
    d.awaiting = Awaiting.NOTHING;
    d.say(sentence + " Is there anything else I can help you with?");
  }

  /** Keeps the timing the caller gave with the request ("tomorrow afternoon"). */
  private void remember(Desk d, String text) {
    TemporalMention when =
        language.when(text, ZonedDateTime.ofInstant(clock.instant(), desk.zone()));
    if (when == null) {
      return;
    }
    if (when.hasDate()) {
      d.slots.put(NOT_BEFORE, when.start().withZoneSameInstant(desk.zone()).toString());
    }
    if (when.partOfDay() != null) {
      d.slots.put(PART_OF_DAY, when.partOfDay().name());
    } else if (when.hasTime()) {
      LocalTime t = when.start().withZoneSameInstant(desk.zone()).toLocalTime();
      d.slots.put(PART_OF_DAY, dev.parley.agent.language.PartOfDay.of(t).name());
    }
  }

  private static String capitalized(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  /** One turn's working copy of the state, and what the receptionist does in it. */
  private final class Desk extends WorkingState {
    private final DialogContext context;
    private final PhraseGuard guard;
    private final List<AgentAction> tools = new ArrayList<>();
    private final List<AgentAction> after = new ArrayList<>();
    private final StringBuilder speech = new StringBuilder();

    Desk(DialogContext context, ConversationState s) {
      super(s);
      this.context = context;
      this.guard = new PhraseGuard(context.settings().forbiddenPhrases());
    }

    String phone() {
      String p = context.plan().targetPhone();
      return p == null ? "" : p;
    }

    ServiceOffer service() {
      String code = slots.get(SERVICE);
      return desk.services().stream()
          .filter(s -> s.code().equals(code))
          .findFirst()
          .orElseGet(() -> desk.services().get(0));
    }

    void say(String text) {
      String clean = guard.clean(text);
      if (!clean.isEmpty()) {
        speech.append(speech.length() == 0 ? "" : " ").append(clean);
      }
    }

    void tool(String name, Map<String, String> args) {
      tools.add(new AgentAction.CallTool(name, args));
    }

    void hangUp(String reason) {
      after.add(new AgentAction.HangUp(reason));
      ended(reason);
    }

    /** The times offered together by another receptionist, still open to pick from. */
    List<ZonedDateTime> offers() {
      String v = slots.get(OFFERS);
      return v == null ? List.of() : Stream.of(v.split(" ")).map(ZonedDateTime::parse).toList();
    }

    void clearBooking() {
      for (String k : List.of(SERVICE, OFFER, OFFERS, NOT_BEFORE, PART_OF_DAY, STEP, MISSES)) {
        slots.remove(k);
      }
    }

    void cutLastAgentTurn(String heard) {
      for (int i = turns.size() - 1; i >= 0; i--) {
        if (turns.get(i).speaker() == Turn.Speaker.AGENT) {
          turns.set(i, new Turn(Turn.Speaker.AGENT, heard, true));
          return;
        }
      }
    }

    DialogTurn finish() {
      return finish(tools, speech.toString(), true, after);
    }
  }
}
