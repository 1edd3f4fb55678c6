package dev.parley.control.account;

import dev.parley.control.auth.Caller;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/** The caller's own profile. */
@Controller("/api/v1/users/me")
@ExecuteOn(TaskExecutors.BLOCKING)
class UserController {
  private final AccountService accounts;

  UserController(AccountService accounts) {
    this.accounts = accounts;
  }

  @Get
  UserView me(Caller caller) {
    return UserView.of(accounts.me(caller));
  }

  @Patch
  UserView update(Caller caller, @Body @Valid @NotNull UpdateProfileCommand command) {
    return UserView.of(accounts.updateMe(caller, command));
  }
}
