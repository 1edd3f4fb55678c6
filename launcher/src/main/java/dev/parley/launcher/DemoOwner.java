package dev.parley.launcher;

import dev.parley.control.account.AccountService;
import dev.parley.control.account.UserRole;
import io.micronaut.context.ApplicationContext;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A demo owner in an organisation of their own: Alex Morgan in New York, with an API key, settings
 * that allow calls at any hour (the simulated callees never sleep) and the given simulated numbers
 * on the organisation's allow-list (the launcher dials only allow-listed numbers by default).
 */
record DemoOwner(UUID organizationId, String apiKey, ApiClient api) {

  static DemoOwner create(ApplicationContext context, int httpPort, String... allowListed)
      throws Exception {
    return create(context, httpPort, "leave_message", List.of(allowListed));
  }

  static DemoOwner create(
      ApplicationContext context, int httpPort, String voicemailPolicy, List<String> allowListed)
      throws Exception {
    String runId = UUID.randomUUID().toString().substring(0, 8);
    AccountService.NewTenant tenant =
        context
            .getBean(AccountService.class)
            .createTenant(
                "Parley demo " + runId,
                "Alex Morgan",
                "alex+" + runId + "@demo.parley.local",
                UserRole.ADMIN,
                null);
    ApiClient api = new ApiClient("http://127.0.0.1:" + httpPort, tenant.key().secret());
    api.patch(
        "/api/v1/users/me",
        Map.of("fullName", "Alex Morgan", "phone", "+12125550199", "timeZone", "America/New_York"));
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("autoApproveAmount", new BigDecimal("50"));
    settings.put("requireApprovalAmount", new BigDecimal("200"));
    settings.put("defaultTone", "friendly");
    settings.put("allowedPersonalFields", List.of("full_name", "phone"));
    settings.put("forbiddenPhrases", List.of());
    settings.put("autoRetry", true);
    settings.put("maxRetryAttempts", 3);
    settings.put("callingWindowStart", "00:00:00");
    settings.put("callingWindowEnd", "23:59:59");
    settings.put("voicemailPolicy", voicemailPolicy);
    api.put("/api/v1/assistant-settings", settings);
    for (String phone : allowListed) {
      api.post("/api/v1/allow-list", Map.of("phone", phone, "label", "simulated callee"));
    }
    UUID org = tenant.organization().id();
    return new DemoOwner(org, tenant.key().secret(), api);
  }
}
