package dev.parley.control.settings;

import dev.parley.control.account.Tone;
import dev.parley.control.auth.Caller;
import dev.parley.control.infra.Json;
import dev.parley.control.web.ProblemException;
import io.micronaut.core.type.Argument;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;

/** Reads and replaces a user's assistant settings; a user without a row gets the defaults. */
@Singleton
public class AssistantSettingsService {
  /** The owner's details the agent can be allowed to share (the agent's {@code PersonalField}s). */
  static final List<String> PERSONAL_FIELDS =
      java.util.Arrays.stream(dev.parley.agent.planning.PersonalField.values())
          .map(f -> f.name().toLowerCase(java.util.Locale.ROOT))
          .toList();

  private static final Argument<List<String>> STRINGS = Argument.listOf(String.class);

  private final AssistantSettingsRepository settings;
  private final Json json;
  private final Clock clock;

  AssistantSettingsService(AssistantSettingsRepository settings, Json json, Clock clock) {
    this.settings = settings;
    this.json = json;
    this.clock = clock;
  }

  /** The defaults every new user starts with. */
  AssistantSettings defaults(UUID userId, UUID organizationId) {
    return new AssistantSettings(
        userId,
        organizationId,
        BigDecimal.ZERO.setScale(2),
        new BigDecimal("100.00"),
        Tone.NEUTRAL,
        "[]",
        "[]",
        true,
        3,
        LocalTime.of(9, 0),
        LocalTime.of(20, 0),
        VoicemailPolicy.HANG_UP,
        Instant.EPOCH);
  }

  /** The stored settings, or the defaults. */
  public AssistantSettings forUser(UUID userId, UUID organizationId) {
    return settings.findById(userId).orElseGet(() -> defaults(userId, organizationId));
  }

  public AssistantSettingsView get(Caller caller) {
    return view(forUser(caller.userId(), caller.organizationId()));
  }

  @Transactional
  public AssistantSettingsView replace(Caller caller, AssistantSettingsView command) {
    if (command.autoApproveAmount().compareTo(command.requireApprovalAmount()) > 0) {
      throw ProblemException.invalidField(
          "autoApproveAmount", "must not exceed requireApprovalAmount");
    }
    if (!command.callingWindowStart().isBefore(command.callingWindowEnd())) {
      throw ProblemException.invalidField("callingWindowEnd", "must be after callingWindowStart");
    }
    List<String> fields = command.allowedPersonalFields();
    for (int i = 0; i < fields.size(); i++) {
      if (!PERSONAL_FIELDS.contains(fields.get(i))) {
        // A field the agent does not know would be silently never shared: say so instead.
        throw ProblemException.invalidField(
            "allowedPersonalFields[" + i + "]",
            "'" + fields.get(i) + "' is not one of " + String.join(", ", PERSONAL_FIELDS));
      }
    }
    AssistantSettings next =
        new AssistantSettings(
            caller.userId(),
            caller.organizationId(),
            command.autoApproveAmount(),
            command.requireApprovalAmount(),
            command.defaultTone(),
            json.write(command.allowedPersonalFields()),
            json.write(command.forbiddenPhrases()),
            command.autoRetry(),
            command.maxRetryAttempts(),
            command.callingWindowStart(),
            command.callingWindowEnd(),
            command.voicemailPolicy(),
            clock.instant());
    AssistantSettings saved =
        settings.existsById(caller.userId()) ? settings.update(next) : settings.save(next);
    return view(saved);
  }

  /** Forbidden phrases as a list, for the agent. */
  public List<String> forbiddenPhrases(AssistantSettings s) {
    return json.read(s.forbiddenPhrases(), STRINGS);
  }

  AssistantSettingsView view(AssistantSettings s) {
    return new AssistantSettingsView(
        s.autoApproveAmount(),
        s.requireApprovalAmount(),
        s.defaultTone(),
        json.read(s.allowedPersonalFields(), STRINGS),
        json.read(s.forbiddenPhrases(), STRINGS),
        s.autoRetry(),
        s.maxRetryAttempts(),
        s.callingWindowStart(),
        s.callingWindowEnd(),
        s.voicemailPolicy(),
        s.updatedAt().equals(Instant.EPOCH) ? null : s.updatedAt());
  }
}
