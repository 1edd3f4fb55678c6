package dev.parley.control.task.planning;

import dev.parley.control.account.Tone;
import dev.parley.control.account.User;
import dev.parley.control.contact.Contact;
import dev.parley.control.settings.AssistantSettings;
import io.micronaut.core.annotation.Nullable;
import java.math.BigDecimal;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * Everything a planner may use: the instruction, what the request already fixed, the owner's
 * contacts and settings, and the reference time in the owner's zone.
 */
public record PlanningInput(
    String instruction,
    @Nullable Contact explicitContact,
    @Nullable String explicitPhone,
    @Nullable BigDecimal maxPrice,
    Tone tone,
    List<String> hardConstraints,
    List<String> softPreferences,
    User owner,
    List<Contact> contacts,
    AssistantSettings settings,
    ZonedDateTime now) {}
