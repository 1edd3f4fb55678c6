package dev.parley.control.task.planning;

import dev.parley.agent.planning.CallPlan;
import dev.parley.agent.planning.CallPlanDocument;
import dev.parley.agent.planning.CallPlanner;
import dev.parley.agent.planning.Contact;
import dev.parley.agent.planning.MoneyLimit;
import dev.parley.agent.planning.OwnerProfile;
import dev.parley.agent.planning.PlanningContext;
import dev.parley.control.infra.Json;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.type.Argument;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The default {@link TaskPlanner}: the agent module's {@link CallPlanner} (the configured brain,
 * see {@code ConversationBeans}), with the request's explicit contact, number and price limit
 * taking precedence over what the planner read from the instruction.
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

  @Override
  public TaskPlan plan(PlanningInput input) {
    List<Contact> contacts = new ArrayList<>();
    for (dev.parley.control.contact.Contact c : input.contacts()) {
      contacts.add(AgentModels.contact(c));
    }
    OwnerProfile owner = AgentModels.owner(input.owner(), input.tone());
    CallPlan plan =
        planner.plan(
            input.instruction(),
            new PlanningContext(owner, contacts, AgentModels.settings(input.settings(), json)),
            input.now());

    Contact contact = plan.contact();
    String phone = plan.targetPhone();
    if (input.explicitContact() != null) {
      contact = AgentModels.contact(input.explicitContact());
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

  private static UUID parseId(String id) {
    try {
      return UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
