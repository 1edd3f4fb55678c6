package dev.parley.control.task.planning;

import io.micronaut.serde.annotation.Serdeable;

/**
 * Something the owner must answer before the call can be placed.
 *
 * @param field what is missing, e.g. {@code contact_phone}
 * @param question the question put to the owner
 */
@Serdeable
public record MissingFact(String field, String question) {
  /** The field a phone number answers. */
  public static final String CONTACT_PHONE = "contact_phone";
}
