package dev.parley.agent.planning;

import java.time.ZonedDateTime;
import java.util.List;

/**
 * What a call must achieve and how. Every field is a plain value or a list of records so an LLM
 * planner can fill the same shape from a JSON schema.
 *
 * @param instruction the owner's instruction, verbatim
 * @param goal one sentence saying what success is
 * @param goalKind the kind of goal
 * @param topic the thing the call is about ("dental cleaning", "gym membership"), or null
 * @param contact the resolved contact, or null
 * @param contactCandidates contacts that matched equally well when the match was ambiguous
 * @param targetPhone the number to call in E.164, or null when unknown
 * @param timeWindow when the arranged thing should happen, or null
 * @param moneyLimit the most the owner will pay, or null
 * @param partySize number of people for a reservation or booking, or null
 * @param tone how to sound
 * @param hardConstraints conditions the outcome must meet
 * @param softPreferences conditions to aim for
 * @param questions what the agent should ask on the call
 * @param factsToShare what the agent may tell the other side
 * @param missing what blocks the call until the owner answers
 * @param plannedAt the reference time the plan was made against
 */
public record CallPlan(
    String instruction,
    String goal,
    GoalKind goalKind,
    String topic,
    Contact contact,
    List<Contact> contactCandidates,
    String targetPhone,
    TimeWindow timeWindow,
    MoneyLimit moneyLimit,
    Integer partySize,
    Tone tone,
    List<String> hardConstraints,
    List<String> softPreferences,
    List<String> questions,
    List<SharedFact> factsToShare,
    List<MissingFact> missing,
    ZonedDateTime plannedAt) {

  /** True when nothing blocks the call. */
  public boolean readyToCall() {
    return missing.isEmpty() && targetPhone != null;
  }

  /** The first shared fact with {@code field}, or null. */
  public String fact(String field) {
    for (SharedFact f : factsToShare) {
      if (f.field().equals(field)) {
        return f.value();
      }
    }
    return null;
  }

  /** Who is being called, for sentences: the contact's label, or "them". */
  public String calleeLabel() {
    return contact != null ? contact.label() : "them";
  }
}
