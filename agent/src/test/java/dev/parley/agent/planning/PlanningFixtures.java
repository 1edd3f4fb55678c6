package dev.parley.agent.planning;

import java.math.BigDecimal;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.List;

/** An owner with a realistic address book, shared by planner, dialog and analysis tests. */
public final class PlanningFixtures {

  public static final ZoneId NY = ZoneId.of("America/New_York");

  /** Wednesday 18 November 2026, 09:00 in New York. */
  public static final ZonedDateTime NOW = ZonedDateTime.of(2026, 11, 18, 9, 0, 0, 0, NY);

  public static final OwnerProfile OWNER =
      new OwnerProfile("Alex Morgan", "+12125550147", "alex@example.com", NY, Tone.FRIENDLY);

  public static final List<Contact> CONTACTS =
      List.of(
          new Contact(
              "dentist",
              "Dr. Chen",
              "Bright Smile Dental",
              "+12125550101",
              "my dentist",
              Contact.Kind.BUSINESS),
          new Contact("mom", "Linda Morgan", null, "+16175550188", "mom", Contact.Kind.PERSON),
          new Contact(
              "gym",
              "FitLife Fitness",
              "FitLife Fitness",
              "+12125550123",
              "gym membership",
              Contact.Kind.BUSINESS),
          new Contact(
              "garage",
              "Joe's Auto Repair",
              "Joe's Auto Repair",
              "+12125550166",
              "car service, mechanic",
              Contact.Kind.BUSINESS),
          new Contact(
              "plumber",
              "Mario Rossi",
              "Rossi Plumbing",
              "+12125550177",
              "plumber",
              Contact.Kind.PERSON),
          new Contact(
              "luigis",
              "Luigi's Trattoria",
              "Luigi's Trattoria",
              "+12125550190",
              "italian restaurant",
              Contact.Kind.BUSINESS),
          new Contact(
              "drlee",
              "Dr. Sarah Lee",
              "Lee Family Medicine",
              "+12125550111",
              "doctor",
              Contact.Kind.BUSINESS),
          new Contact(
              "drpatel",
              "Dr. Raj Patel",
              "Midtown Pediatrics",
              "+12125550112",
              "doctor, pediatrician",
              Contact.Kind.BUSINESS),
          new Contact(
              "tombaker", "Tom Baker", null, "+12125550131", "neighbour", Contact.Kind.PERSON),
          new Contact(
              "tomhughes", "Tom Hughes", null, "+12125550132", "colleague", Contact.Kind.PERSON),
          new Contact(
              "landscaper",
              "Green Thumb Landscaping",
              "Green Thumb Landscaping",
              null,
              "gardener",
              Contact.Kind.BUSINESS),
          new Contact(
              "vet",
              "Paws & Claws",
              "Paws & Claws Veterinary",
              "+12125550155",
              "vet",
              Contact.Kind.BUSINESS),
          new Contact(
              "salon",
              "Studio 54 Hair",
              "Studio 54 Hair",
              "+12125550156",
              "hairdresser",
              Contact.Kind.BUSINESS));

  public static final AssistantSettings SETTINGS =
      new AssistantSettings(
          new BigDecimal("250"),
          new BigDecimal("50"),
          true,
          EnumSet.of(PersonalField.FULL_NAME, PersonalField.PHONE),
          CallingWindow.standard(),
          true,
          List.of("guaranteed", "I promise"),
          "Parley");

  public static final PlanningContext CONTEXT = new PlanningContext(OWNER, CONTACTS, SETTINGS);

  private PlanningFixtures() {}
}
