package dev.parley.agent.planning;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import dev.parley.agent.language.DateTimeExtractor;
import dev.parley.agent.language.MoneyExtractor;
import dev.parley.agent.language.MoneyMention;
import dev.parley.agent.language.PartOfDay;
import dev.parley.agent.language.PhoneMention;
import dev.parley.agent.language.PhoneNumberExtractor;
import dev.parley.agent.language.TemporalMention;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Plans calls from instructions without a language model: goal kind from verbs, contact from names,
 * companies and role words, window and limit from the extractors, questions per goal kind, and the
 * facts the owner must still supply. Thread-safe.
 */
public final class RuleBasedCallPlanner implements CallPlanner {

  private static final Pattern PRICE_TALK =
      Pattern.compile(
          "(?i)\\b(?:price|cost|costs|how much|quote|estimate|cheap|cheapest|affordable|budget|buy|purchase|order|fee|rate)\\b");
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("EEE MMM d HH:mm", Locale.US);

  /** Goals where a time in the instruction is when the arranged thing must happen. */
  private static final java.util.Set<GoalKind> TIMED =
      java.util.EnumSet.of(
          GoalKind.BOOK_APPOINTMENT,
          GoalKind.MAKE_RESERVATION,
          GoalKind.RESCHEDULE,
          GoalKind.GET_QUOTE);

  private final MoneyExtractor money = new MoneyExtractor();
  private final DateTimeExtractor dates = new DateTimeExtractor();

  @Override
  public CallPlan plan(PlanRequest request, PlanningContext context, ZonedDateTime now) {
    String text = request.instruction().trim();
    String disputedAmount = null;
    ZonedDateTime ref = now.withZoneSameInstant(context.owner().timeZone());
    OwnerProfile owner = context.owner();
    AssistantSettings settings = context.settings();

    GoalKind kind = GoalClassifier.classify(text);
    String topic = InstructionReader.topic(kind, text);
    if (topic != null && kind == GoalKind.REMINDER) {
      topic = topic.replaceAll("(?i)^(?:her|him|them) about ", "");
    }

    PhoneNumberExtractor phones = new PhoneNumberExtractor(regionOf(owner.phone()));
    List<PhoneMention> inline = phones.extract(text);
    String inlinePhone = inline.isEmpty() ? null : inline.get(0).e164();
    String searchable = text;
    for (PhoneMention p : inline) {
      searchable = searchable.replace(p.raw(), " ");
    }

    ContactResolver.Resolution match =
        ContactResolver.resolve(searchable, context.contacts(), inlinePhone);
    Contact contact = match.best().size() == 1 ? match.best().get(0) : null;
    List<Contact> candidates = match.best().size() > 1 ? match.best() : List.of();
    if (request.contactId() != null) {
      Contact chosen = byId(context.contacts(), request.contactId());
      if (chosen != null) {
        contact = chosen;
        candidates = List.of();
      }
    }
    String target = inlinePhone != null ? inlinePhone : contact != null ? contact.phone() : null;
    if (request.phone() != null && phones.toE164(request.phone()) != null) {
      target = phones.toE164(request.phone());
    }

    TimeWindow window = window(searchable, ref);
    if (kind == GoalKind.MAKE_RESERVATION) {
      window = dinnerHours(window);
    }
    // In a complaint or cancellation an amount is what is disputed, not what may be spent.
    boolean amountIsDisputed = kind == GoalKind.COMPLAINT || kind == GoalKind.CANCEL;
    MoneyLimit limit = amountIsDisputed ? null : limit(searchable);
    if (amountIsDisputed && !money.extract(searchable).isEmpty()) {
      MoneyMention disputed = money.extract(searchable).get(0);
      disputedAmount = MoneyLimit.format(disputed.ceiling(), disputed.currency());
    }
    if (request.maxPrice() != null) {
      limit =
          new MoneyLimit(request.maxPrice(), limit != null ? limit.currency() : "USD", "request");
    }
    Integer party = InstructionReader.partySize(text);
    Tone tone =
        request.tone() != null
            ? request.tone()
            : InstructionReader.tone(text, kind, owner.defaultTone());

    List<String> hard = new ArrayList<>();
    List<String> soft = new ArrayList<>();
    List<SharedFact> facts = new ArrayList<>();
    if (window != null && TIMED.contains(kind)) {
      hard.add(
          "Time must be "
              + window.raw()
              + " ("
              + WHEN.format(window.earliest())
              + " to "
              + WHEN.format(window.latest())
              + ")");
    }
    if (limit != null) {
      hard.add("Price must not exceed " + limit.spoken());
    }
    if (party != null) {
      hard.add("Party of " + party);
    }
    for (String clause : InstructionReader.clauses(text)) {
      String fact = InstructionReader.fact(clause);
      if (fact != null) {
        facts.add(new SharedFact("note", fact));
      } else if (InstructionReader.isSoft(clause)) {
        soft.add(clause);
      } else if (InstructionReader.isHard(clause)) {
        hard.add(clause);
      }
    }
    hard.addAll(request.hardConstraints());
    soft.addAll(request.softPreferences());
    if (window == null
        && (kind == GoalKind.BOOK_APPOINTMENT || kind == GoalKind.MAKE_RESERVATION)) {
      soft.add("Earliest available time");
    }
    if (settings.mayShare(PersonalField.FULL_NAME)) {
      facts.add(new SharedFact("full_name", owner.fullName()));
    }
    if (settings.mayShare(PersonalField.PHONE) && owner.phone() != null) {
      facts.add(new SharedFact("callback_phone", owner.phone()));
    }
    if (settings.mayShare(PersonalField.EMAIL) && owner.email() != null) {
      facts.add(new SharedFact("email", owner.email()));
    }
    if (disputedAmount != null) {
      facts.add(new SharedFact("disputed_amount", disputedAmount));
    }
    if (kind == GoalKind.REMINDER && topic != null) {
      facts.add(new SharedFact("message", topic));
    }

    List<MissingFact> missing = new ArrayList<>();
    String who = contact != null ? contact.label() : match.mention();
    if (target == null) {
      if (!candidates.isEmpty()) {
        List<String> names = candidates.stream().map(ContactRef::describe).toList();
        missing.add(
            new MissingFact("contact", "Which contact did you mean: " + orList(names) + "?"));
      } else if (contact != null) {
        missing.add(
            new MissingFact(
                "contact_phone", "What's the phone number for " + contact.label() + "?"));
      } else {
        missing.add(
            new MissingFact(
                "contact_phone",
                who == null
                    ? "Who should I call, and at what number?"
                    : "What's the phone number for " + who + "?"));
      }
    }
    boolean priceGoal = kind == GoalKind.GET_QUOTE || PRICE_TALK.matcher(text).find();
    if (priceGoal && limit == null && settings.requirePriceLimit()) {
      missing.add(
          new MissingFact(
              "money_limit",
              "What's the most you're willing to pay"
                  + (topic != null ? " for the " + topic : "")
                  + "?"));
    }
    switch (kind) {
      case MAKE_RESERVATION -> {
        if (party == null) {
          missing.add(new MissingFact("party_size", "How many people is the reservation for?"));
        }
        if (window == null) {
          missing.add(
              new MissingFact("time_window", "What day and time would you like the reservation?"));
        }
      }
      case RESCHEDULE -> {
        if (window == null) {
          missing.add(new MissingFact("time_window", "When would you like to move it to?"));
        }
      }
      case REMINDER -> {
        if (topic == null) {
          missing.add(new MissingFact("message", "What should I remind them about?"));
        }
      }
      case ASK_QUESTION -> {
        if (topic == null) {
          missing.add(new MissingFact("question", "What would you like me to ask?"));
        }
      }
      default -> {}
    }

    List<String> questions = QuestionWriter.questions(kind, topic, window, limit, party);
    String callee = contact != null ? contact.label() : who != null ? who : "the business";
    String goal = QuestionWriter.goal(kind, topic, callee, window, limit, party, owner, text);
    return new CallPlan(
        text,
        goal,
        kind,
        topic,
        contact,
        candidates,
        target,
        window,
        limit,
        party,
        tone,
        List.copyOf(hard),
        List.copyOf(soft),
        questions,
        List.copyOf(facts),
        List.copyOf(missing),
        ref);
  }

  private TimeWindow window(String text, ZonedDateTime ref) {
    List<TemporalMention> found = dates.extract(text, ref);
    if (found.isEmpty()) {
      return null;
    }
    TemporalMention m = found.get(0);
    ZonedDateTime latest = m.end();
    if (m.kind() == TemporalMention.Kind.POINT) {
      // A requested time is met by anything up to half an hour later ("7pm" takes 7:30).
      latest = m.start().plusMinutes(30);
    }
    return new TimeWindow(m.start(), latest, m.partOfDay(), m.raw());
  }

  /**
   * A restaurant booking "at 8" means 8 pm: the extractor reads bare hours as business hours, so
   * morning clock times not marked as morning are moved to the evening.
   */
  private static TimeWindow dinnerHours(TimeWindow w) {
    if (w == null
        || w.earliest().getHour() >= 12
        || w.earliest().getHour() < 5
        || w.raw()
            .toLowerCase(Locale.ROOT)
            .matches("(?s).*(am\\b|a\\.m|morning|breakfast|brunch).*")
        || !w.raw().matches("(?s).*\\d.*|(?s).*\\b(?:five|six|seven|eight|nine|ten|eleven)\\b.*")) {
      return w;
    }
    return new TimeWindow(
        w.earliest().plusHours(12), w.latest().plusHours(12), PartOfDay.EVENING, w.raw());
  }

  private MoneyLimit limit(String text) {
    for (MoneyMention m : money.extract(text)) {
      if (m.bound() != MoneyMention.Bound.AT_LEAST) {
        return new MoneyLimit(m.ceiling(), m.currency(), m.raw());
      }
    }
    return null;
  }

  private static Contact byId(List<Contact> contacts, String id) {
    for (Contact c : contacts) {
      if (id.equals(c.id())) {
        return c;
      }
    }
    return null;
  }

  private static String regionOf(String phone) {
    if (phone == null) {
      return "US";
    }
    try {
      PhoneNumberUtil util = PhoneNumberUtil.getInstance();
      String region = util.getRegionCodeForNumber(util.parse(phone, "US"));
      return region == null ? "US" : region;
    } catch (NumberParseException invalid) {
      return "US";
    }
  }

  private static String orList(List<String> items) {
    if (items.size() == 1) {
      return items.get(0);
    }
    return String.join(", ", items.subList(0, items.size() - 1))
        + " or "
        + items.get(items.size() - 1);
  }

  /** How a candidate contact is named in a question to the owner. */
  private static final class ContactRef {
    static String describe(Contact c) {
      if (c.company() != null && !c.company().isBlank() && !c.company().equals(c.name())) {
        return c.name() + " (" + c.company() + ")";
      }
      return c.name();
    }
  }
}
