package dev.parley.agent.dialog;

/** Keys of {@link ConversationState#slots()}. */
public final class Slots {
  public static final String APPOINTMENT_TIME = "appointment_time";
  public static final String APPOINTMENT_TIME_RAW = "appointment_time_raw";
  public static final String PRICE = "price";
  public static final String PRICE_RAW = "price_raw";
  public static final String CONFIRMATION_CODE = "confirmation_code";
  public static final String PERSON_NAME = "person_name";
  public static final String BUSINESS_NAME = "business_name";
  public static final String ANSWER = "answer";
  public static final String ACKNOWLEDGED = "acknowledged";
  public static final String APPROVAL = "approval";
  public static final String CONFIRMED = "confirmed";
  public static final String CANCELLED = "cancelled";
  public static final String RESOLVED = "resolved";
  public static final String INSTRUCTIONS = "instructions";

  private Slots() {}
}
