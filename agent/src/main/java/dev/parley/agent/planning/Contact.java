package dev.parley.agent.planning;

/**
 * One of the owner's contacts.
 *
 * @param id the contact's id in the control plane
 * @param name the person's name, or the business name for a business without a person
 * @param company the company, or null
 * @param phone phone number in E.164, or null when unknown
 * @param notes free notes, often a role ("my dentist", "mom", "plumber")
 * @param kind person or business
 */
public record Contact(
    String id, String name, String company, String phone, String notes, Kind kind) {

  /** Whether a contact is a person or a business. */
  public enum Kind {
    PERSON,
    BUSINESS
  }

  /** How to refer to the contact in a sentence: the company for businesses, else the name. */
  public String label() {
    if (kind == Kind.BUSINESS && company != null && !company.isBlank()) {
      return company;
    }
    return name;
  }
}
