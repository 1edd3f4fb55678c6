package dev.parley.agent.planning;

/** Owner details the agent may be allowed to share on a call. */
public enum PersonalField {
  FULL_NAME,
  PHONE,
  EMAIL,
  ADDRESS,
  DATE_OF_BIRTH,
  INSURANCE,
  ACCOUNT_NUMBER
}
