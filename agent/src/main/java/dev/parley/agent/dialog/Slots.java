package dev.parley.agent.dialog;

/** Keys of {@link ConversationState#slots()}; each value is a string. */
public final class Slots {
  /** The agreed time, ISO-8601 with offset ("2026-11-19T10:30-05:00"). */
  public static final String APPOINTMENT_TIME = "appointment_time";

  /** The callee's words for the agreed time ("Thursday at 10:30"). */
  public static final String APPOINTMENT_TIME_RAW = "appointment_time_raw";

  /** The quoted price as a plain decimal ("120", "89.99"). */
  public static final String PRICE = "price";

  /** The callee's words for the price ("a hundred and twenty dollars"). */
  public static final String PRICE_RAW = "price_raw";

  /** The confirmation or reference code, upper-case letters and digits. */
  public static final String CONFIRMATION_CODE = "confirmation_code";

  /** The name of the person the agent spoke with ("Maria", "Dr. Chen"). */
  public static final String PERSON_NAME = "person_name";

  /** The business that answered ("Bright Smile Dental"). */
  public static final String BUSINESS_NAME = "business_name";

  /** The callee's answer to the call's question, verbatim. */
  public static final String ANSWER = "answer";

  /** "true" once the callee agreed to act on the request. */
  public static final String ACKNOWLEDGED = "acknowledged";

  /** The owner's decision: "approved:AMOUNT" or "declined:AMOUNT". */
  public static final String APPROVAL = "approval";

  /** "true" once the callee confirmed the read-back. */
  public static final String CONFIRMED = "confirmed";

  /** "true" once a cancellation was confirmed. */
  public static final String CANCELLED = "cancelled";

  /** "true" once a complaint was fixed (refund, credit, reversal). */
  public static final String RESOLVED = "resolved";

  /** What the callee said the owner must do instead, verbatim. */
  public static final String INSTRUCTIONS = "instructions";

  private Slots() {}
}
