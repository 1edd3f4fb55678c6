package dev.parley.control.task.planning;

import dev.parley.agent.planning.AssistantSettings;
import dev.parley.agent.planning.CallPlan;
import dev.parley.agent.planning.CallPlanDocument;
import dev.parley.agent.planning.CallPlanner;
import dev.parley.agent.planning.CallingWindow;
import dev.parley.agent.planning.Contact;
import dev.parley.agent.planning.MoneyLimit;
import dev.parley.agent.planning.OwnerProfile;
import dev.parley.agent.planning.PersonalField;
import dev.parley.agent.planning.PlanningContext;
import dev.parley.agent.planning.RuleBasedCallPlanner;
import dev.parley.agent.planning.Tone;
import dev.parley.control.contact.ContactKind;
import dev.parley.control.infra.Json;
import dev.parley.control.settings.VoicemailPolicy;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.type.Argument;
import jakarta.inject.Singleton;
import java.time.DayOfWeek;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The default {@link TaskPlanner}: the agent module's {@link CallPlanner} (rule-based unless
 * another {@code CallPlanner} bean is provided), with the request's explicit contact, number and
 * price limit taking precedence over what the planner read from the instruction.
 */
@Singleton
@Requires(property = "parley.planner", value = "agent", defaultValue = "agent")
public class AgentTaskPlanner implements TaskPlanner {
  static final String NAME = "agent";

  private static final Argument<List<String>> STRINGS = Argument.listOf(String.class);

  private final CallPlanner planner;
  private final Json json;

  public AgentTaskPlanner(CallPlanner planner, Json json) {
    this.planner = planner;
    this.json = json;
  }

  /** Provides the agent's offline planner when no other {@link CallPlanner} bean exists. */
  @Factory
  static final class Planners {
    @Singleton
    @Bean(typed = CallPlanner.class)
    @Requires(missingBeans = CallPlanner.class)
    CallPlanner ruleBasedCallPlanner() {
      return new RuleBasedCallPlanner();
    }
  }

  @Override
  public TaskPlan plan(PlanningInput input) {
    List<Contact> contacts = new ArrayList<>();
    for (dev.parley.control.contact.Contact c : input.contacts()) {
      contacts.add(agentContact(c));
    }
    OwnerProfile owner =
        new OwnerProfile(
            input.owner().fullName(),
            input.owner().phone(),
            input.owner().email(),
            ZoneId.of(input.owner().timeZone()),
            agentTone(input.tone()));
    CallPlan plan =
        planner.plan(
            input.instruction(),
            new PlanningContext(owner, contacts, agentSettings(input.settings())),
            input.now());

    Contact contact = plan.contact();
    String phone = plan.targetPhone();
    if (input.explicitContact() != null) {
      contact = agentContact(input.explicitContact());
      phone = input.explicitContact().phone();
    }
    if (input.explicitPhone() != null) {
      phone = input.explicitPhone();
    }
    List<dev.parley.agent.planning.MissingFact> missing = new ArrayList<>(plan.missing());
    if (phone != null) {
      missing.removeIf(
          m -> m.field().equals(MissingFact.CONTACT_PHONE) || m.field().equals("contact"));
    }
    MoneyLimit limit = plan.moneyLimit();
    if (input.maxPrice() != null) {
      limit = new MoneyLimit(input.maxPrice(), "USD", "request");
    }
    if (limit != null) {
      missing.removeIf(m -> m.field().equals("money_limit"));
    }
    List<String> hard = new ArrayList<>(input.hardConstraints());
    plan.hardConstraints().stream().filter(h -> !hard.contains(h)).forEach(hard::add);
    List<String> soft = new ArrayList<>(input.softPreferences());
    plan.softPreferences().stream().filter(x -> !soft.contains(x)).forEach(soft::add);
    CallPlan adjusted =
        new CallPlan(
            plan.instruction(),
            plan.goal(),
            plan.goalKind(),
            plan.topic(),
            contact,
            plan.contactCandidates(),
            phone,
            plan.timeWindow(),
            limit,
            plan.partySize(),
            plan.tone(),
            hard,
            soft,
            plan.questions(),
            plan.factsToShare(),
            missing,
            plan.plannedAt());
    // The stored plan is the agent's own document, so the dialog agent can read it back with
    // CallPlanDocument.fromMap; "planner" says who wrote it.
    Map<String, Object> document = new LinkedHashMap<>(CallPlanDocument.toMap(adjusted));
    document.put("planner", NAME);
    List<MissingFact> open =
        missing.stream().map(m -> new MissingFact(m.field(), m.question())).toList();
    return new TaskPlan(
        plan.goal(),
        contact == null ? null : parseId(contact.id()),
        phone,
        limit == null ? null : limit.max(),
        hard,
        soft,
        open,
        document);
  }

  private static Contact agentContact(dev.parley.control.contact.Contact c) {
    return new Contact(
        c.id().toString(),
        c.name(),
        c.company(),
        c.phone(),
        c.notes(),
        c.kind() == ContactKind.BUSINESS ? Contact.Kind.BUSINESS : Contact.Kind.PERSON);
  }

  private AssistantSettings agentSettings(dev.parley.control.settings.AssistantSettings s) {
    Set<PersonalField> fields = EnumSet.noneOf(PersonalField.class);
    for (String name : json.read(s.allowedPersonalFields(), STRINGS)) {
      try {
        fields.add(PersonalField.valueOf(name.trim().toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException unknown) {
        // A field the agent does not know cannot be shared by it; ignore it.
      }
    }
    return new AssistantSettings(
        s.requireApprovalAmount(),
        s.autoApproveAmount(),
        false,
        fields,
        new CallingWindow(
            s.callingWindowStart(), s.callingWindowEnd(), EnumSet.allOf(DayOfWeek.class)),
        s.voicemailPolicy() == VoicemailPolicy.LEAVE_MESSAGE,
        json.read(s.forbiddenPhrases(), STRINGS),
        "Parley");
  }

  /** The agent's tones use the same wire names as the control plane's. */
  static Tone agentTone(dev.parley.control.account.Tone tone) {
    return Tone.fromWireName(tone.wire());
  }

  private static UUID parseId(String id) {
    try {
      return UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
