package dev.parley.control.auth;

import dev.parley.control.account.UserRole;
import dev.parley.control.web.ProblemException;
import java.util.UUID;

/** The authenticated user behind a request; every query is scoped by its organisation. */
public record Caller(UUID userId, UUID organizationId, UserRole role) {

  /** Refuses the request with 403 unless the caller is an admin. */
  public void requireAdmin() {
    if (role != UserRole.ADMIN) {
      throw ProblemException.forbidden("this operation needs the admin role");
    }
  }
}
