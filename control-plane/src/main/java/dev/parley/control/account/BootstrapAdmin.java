package dev.parley.control.account;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.exceptions.DataAccessException;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On a fresh database, creates the default organisation and an admin user so the embedded setup is
 * usable at once. The admin's key is {@code PARLEY_BOOTSTRAP_API_KEY}, or a generated key that is
 * logged this one time (only its hash is stored).
 */
@Singleton
@Requires(property = "parley.bootstrap.enabled", notEquals = "false")
final class BootstrapAdmin implements ApplicationEventListener<StartupEvent> {
  private static final Logger LOG = LoggerFactory.getLogger(BootstrapAdmin.class);

  private final AccountService accounts;
  private final String configuredKey;

  BootstrapAdmin(
      AccountService accounts,
      @Nullable @Value("${parley.bootstrap.api-key:}") String configuredKey) {
    this.accounts = accounts;
    this.configuredKey = configuredKey == null || configuredKey.isBlank() ? null : configuredKey;
  }

  @Override
  public void onApplicationEvent(StartupEvent event) {
    if (accounts.anyUser()) {
      return;
    }
    AccountService.NewTenant tenant;
    try {
      tenant =
          accounts.createTenant(
              "Default", "Parley Admin", "admin@parley.local", UserRole.ADMIN, configuredKey);
    } catch (DataAccessException e) {
      // Another instance starting at the same moment won the unique e-mail index.
      LOG.info("Bootstrap admin already created by another instance");
      return;
    }
    if (configuredKey == null) {
      LOG.warn(
          "Created bootstrap admin {}; its API key (shown only now) is {}",
          tenant.user().email(),
          tenant.key().secret());
    } else {
      LOG.info("Created bootstrap admin {} with the configured API key", tenant.user().email());
    }
  }
}
