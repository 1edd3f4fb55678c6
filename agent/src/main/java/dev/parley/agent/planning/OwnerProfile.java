package dev.parley.agent.planning;

import java.time.ZoneId;

/**
 * The person the agent calls for.
 *
 * @param fullName the owner's full name
 * @param phone the owner's phone number in E.164, or null
 * @param email the owner's email, or null
 * @param timeZone the owner's time zone; relative times in instructions are read in it
 * @param defaultTone the tone used unless an instruction asks for another
 */
public record OwnerProfile(
    String fullName, String phone, String email, ZoneId timeZone, Tone defaultTone) {

  /** The owner's first name, for "calling on behalf of Alex". */
  public String firstName() {
    int space = fullName.indexOf(' ');
    return space < 0 ? fullName : fullName.substring(0, space);
  }
}
