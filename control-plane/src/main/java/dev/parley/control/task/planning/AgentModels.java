package dev.parley.control.task.planning;

import dev.parley.agent.planning.AssistantSettings;
import dev.parley.agent.planning.CallingWindow;
import dev.parley.agent.planning.Contact;
import dev.parley.agent.planning.OwnerProfile;
import dev.parley.agent.planning.PersonalField;
import dev.parley.agent.planning.Tone;
import dev.parley.control.account.User;
import dev.parley.control.contact.ContactKind;
import dev.parley.control.infra.Json;
import dev.parley.control.settings.VoicemailPolicy;
import io.micronaut.core.type.Argument;
import java.time.DayOfWeek;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The agent module's view of the control plane's records: the owner, their settings and contacts as
 * the planner and the dialog agent read them. One place, so planning and the live call agree.
 */
public final class AgentModels {
  private static final Argument<List<String>> STRINGS = Argument.listOf(String.class);

  private AgentModels() {}

  /** The owner as the agent addresses them, with {@code tone} as the call's tone. */
  public static OwnerProfile owner(User user, dev.parley.control.account.Tone tone) {
    return new OwnerProfile(
        user.fullName(), user.phone(), user.email(), ZoneId.of(user.timeZone()), tone(tone));
  }

  /** A contact as the planner matches it. */
  public static Contact contact(dev.parley.control.contact.Contact c) {
    return new Contact(
        c.id().toString(),
        c.name(),
        c.company(),
        c.phone(),
        c.notes(),
        c.kind() == ContactKind.BUSINESS ? Contact.Kind.BUSINESS : Contact.Kind.PERSON);
  }

  /** The owner's assistant settings as the agent applies them. */
  public static AssistantSettings settings(
      dev.parley.control.settings.AssistantSettings s, Json json) {
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
  public static Tone tone(dev.parley.control.account.Tone tone) {
    return Tone.fromWireName(tone.wire());
  }
}
