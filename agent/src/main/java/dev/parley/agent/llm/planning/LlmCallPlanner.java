package dev.parley.agent.llm.planning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import dev.parley.agent.language.PhoneNumberExtractor;
import dev.parley.agent.llm.Brain;
import dev.parley.agent.llm.BrainListener;
import dev.parley.agent.llm.BrainModel;
import dev.parley.agent.llm.InvalidOutputException;
import dev.parley.agent.llm.StructuredOutput;
import dev.parley.agent.llm.client.LlmException;
import dev.parley.agent.planning.CallPlan;
import dev.parley.agent.planning.CallPlanDocument;
import dev.parley.agent.planning.CallPlanner;
import dev.parley.agent.planning.Contact;
import dev.parley.agent.planning.GoalKind;
import dev.parley.agent.planning.MissingFact;
import dev.parley.agent.planning.MoneyLimit;
import dev.parley.agent.planning.PersonalField;
import dev.parley.agent.planning.PlanRequest;
import dev.parley.agent.planning.PlanningContext;
import dev.parley.agent.planning.SharedFact;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A planner that asks a chat model for a {@link CallPlanDocument} (JSON schema output), then holds
 * it to the same rules as the rule-based planner: the contact must be one of the owner's, the
 * number must be a real E.164 number, values the request fixed win, only allowed personal details
 * are shared, and a plan without a number says what is missing. Invalid output is retried once;
 * then the fallback planner answers and a {@link dev.parley.agent.llm.Fallback} is reported.
 * Thread-safe.
 */
public final class LlmCallPlanner implements CallPlanner {

  private static final Logger LOG = LoggerFactory.getLogger(LlmCallPlanner.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Shared-fact fields that carry the owner's personal details; only allowed ones are kept. */
  private static final Set<String> PERSONAL = Set.of("full_name", "callback_phone", "email");

  private final BrainModel model;
  private final CallPlanner fallback;
  private final BrainListener listener;

  /**
   * @param model the chat model
   * @param fallback plans when the model cannot (the rule-based planner)
   * @param listener hears usage and fallbacks
   */
  public LlmCallPlanner(BrainModel model, CallPlanner fallback, BrainListener listener) {
    this.model = model;
    this.fallback = fallback;
    this.listener = listener;
  }

  /** The same planner reporting to {@code other}. */
  public LlmCallPlanner withListener(BrainListener other) {
    return new LlmCallPlanner(model, fallback, other);
  }

  @Override
  public CallPlan plan(PlanRequest request, PlanningContext context, ZonedDateTime now) {
    ZonedDateTime ref = now.withZoneSameInstant(context.owner().timeZone());
    try {
      return StructuredOutput.ask(
          model,
          Brain.PLANNER,
          listener,
          PlanPrompt.system(),
          PlanPrompt.user(request, context, ref),
          PlanSchema.output(),
          answer -> read(answer, request, context, ref));
    } catch (InvalidOutputException invalid) {
      return fallBack(request, context, now, "invalid output twice: " + invalid.getMessage());
    } catch (LlmException failed) {
      return fallBack(request, context, now, failed.kind() + ": " + failed.getMessage());
    }
  }

  private CallPlan fallBack(
      PlanRequest request, PlanningContext context, ZonedDateTime now, String reason) {
    LOG.warn("planner model failed, rule-based planner answers: {}", reason);
    model.fellBack(Brain.PLANNER, reason, listener);
    return fallback.plan(request, context, now);
  }

  @SuppressWarnings("unchecked")
  private static CallPlan read(
      JsonNode answer, PlanRequest request, PlanningContext context, ZonedDateTime now)
      throws InvalidOutputException {
    CallPlan p;
    try {
      p = CallPlanDocument.fromMap(JSON.convertValue(answer, Map.class));
    } catch (RuntimeException malformed) {
      throw new InvalidOutputException("the plan does not read: " + malformed.getMessage());
    }
    if (p.goal() == null || p.goal().isBlank()) {
      throw new InvalidOutputException("goal is empty");
    }
    String kind = answer.path("goal_kind").asText("");
    if (!GoalKind.fromWireName(kind).wireName().equals(kind)) {
      throw new InvalidOutputException("goal_kind '" + kind + "' is not a known kind");
    }
    Contact contact = p.contact() == null ? null : known(p.contact().id(), context);
    List<Contact> candidates = new ArrayList<>();
    for (Contact c : p.contactCandidates()) {
      candidates.add(known(c.id(), context));
    }
    if (request.contactId() != null) {
      for (Contact c : context.contacts()) {
        if (c.id().equals(request.contactId())) {
          contact = c;
          candidates.clear();
        }
      }
    }
    PhoneNumberExtractor phones = new PhoneNumberExtractor(region(context));
    String target = p.targetPhone();
    if (target != null) {
      String e164 = phones.toE164(target);
      if (e164 == null) {
        throw new InvalidOutputException("target_phone '" + target + "' is not a phone number");
      }
      target = e164;
    } else if (contact != null) {
      target = contact.phone();
    }
    if (request.phone() != null && phones.toE164(request.phone()) != null) {
      target = phones.toE164(request.phone());
    }
    if (p.timeWindow() != null && p.timeWindow().latest().isBefore(p.timeWindow().earliest())) {
      throw new InvalidOutputException("time_window ends before it starts");
    }
    MoneyLimit limit = p.moneyLimit();
    if (limit != null && limit.max().signum() <= 0) {
      throw new InvalidOutputException("money_limit.max must be positive");
    }
    if (request.maxPrice() != null) {
      limit =
          new MoneyLimit(request.maxPrice(), limit != null ? limit.currency() : "USD", "request");
    }
    List<MissingFact> missing = new ArrayList<>(p.missing());
    if (target == null && missing.stream().noneMatch(m -> m.field().startsWith("contact"))) {
      missing.add(
          new MissingFact(
              "contact_phone",
              contact != null
                  ? "What's the phone number for " + contact.label() + "?"
                  : "Who should I call, and at what number?"));
    }
    if (target != null) {
      missing.removeIf(m -> m.field().equals("contact_phone") || m.field().equals("contact"));
    }
    if (limit != null) {
      missing.removeIf(m -> m.field().equals("money_limit"));
    }
    return new CallPlan(
        request.instruction(),
        p.goal(),
        p.goalKind(),
        p.topic(),
        contact,
        List.copyOf(candidates),
        target,
        p.timeWindow(),
        limit,
        p.partySize(),
        request.tone() != null ? request.tone() : p.tone(),
        merged(p.hardConstraints(), request.hardConstraints()),
        merged(p.softPreferences(), request.softPreferences()),
        p.questions(),
        shareable(p.factsToShare(), context),
        List.copyOf(missing),
        now);
  }

  private static Contact known(String id, PlanningContext context) throws InvalidOutputException {
    for (Contact c : context.contacts()) {
      if (c.id().equals(id)) {
        return c;
      }
    }
    throw new InvalidOutputException("contact id '" + id + "' is not in the owner's contacts");
  }

  /** The facts the owner allows, with the owner's own values for their personal details. */
  private static List<SharedFact> shareable(List<SharedFact> facts, PlanningContext context) {
    List<SharedFact> out = new ArrayList<>();
    var owner = context.owner();
    var settings = context.settings();
    String digits = owner.phone() == null ? "" : owner.phone().replaceAll("\\D", "");
    // The last seven digits identify the owner's line however the model wrote the number.
    String line = digits.length() >= 7 ? digits.substring(digits.length() - 7) : null;
    String email = owner.email() == null ? null : owner.email().toLowerCase(Locale.ROOT);
    for (SharedFact f : facts) {
      String v = f.value() == null ? "" : f.value();
      boolean personal =
          PERSONAL.contains(f.field())
              || v.equalsIgnoreCase(owner.fullName())
              || (email != null && v.toLowerCase(Locale.ROOT).contains(email))
              || (line != null && v.replaceAll("\\D", "").contains(line));
      if (!personal) {
        out.add(f);
      }
    }
    if (settings.mayShare(PersonalField.FULL_NAME)) {
      out.add(new SharedFact("full_name", owner.fullName()));
    }
    if (settings.mayShare(PersonalField.PHONE) && owner.phone() != null) {
      out.add(new SharedFact("callback_phone", owner.phone()));
    }
    if (settings.mayShare(PersonalField.EMAIL) && owner.email() != null) {
      out.add(new SharedFact("email", owner.email()));
    }
    return List.copyOf(out);
  }

  private static List<String> merged(List<String> a, List<String> b) {
    LinkedHashSet<String> all = new LinkedHashSet<>(a);
    all.addAll(b);
    return List.copyOf(all);
  }

  private static String region(PlanningContext context) {
    String phone = context.owner().phone();
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
}
