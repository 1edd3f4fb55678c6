package dev.parley.control.settings;

import dev.parley.control.auth.Caller;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/** The caller's assistant settings. */
@Controller("/api/v1/assistant-settings")
@ExecuteOn(TaskExecutors.BLOCKING)
class AssistantSettingsController {
  private final AssistantSettingsService settings;

  AssistantSettingsController(AssistantSettingsService settings) {
    this.settings = settings;
  }

  @Get
  AssistantSettingsView get(Caller caller) {
    return settings.get(caller);
  }

  @Put
  AssistantSettingsView replace(
      Caller caller, @Body @Valid @NotNull AssistantSettingsView command) {
    return settings.replace(caller, command);
  }
}
