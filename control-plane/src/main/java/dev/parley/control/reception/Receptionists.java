package dev.parley.control.reception;

import dev.parley.agent.analysis.PostCallAnalyst;
import dev.parley.agent.llm.LlmBrains;
import dev.parley.agent.llm.StreamingDialogAgent;
import dev.parley.agent.reception.DeskLog;
import dev.parley.agent.reception.LoggingServiceDesk;
import dev.parley.agent.reception.ReceptionAnalyst;
import dev.parley.agent.reception.ServiceDesk;
import dev.parley.control.dispatch.RawDataSource;
import dev.parley.control.reception.ServiceCentreStore.Centre;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiConsumer;
import javax.sql.DataSource;

/**
 * Puts a receptionist on an inbound call: the organisation's service centre as its desk (or, for an
 * organisation that has not set one up, a desk that can only take messages, answering in the
 * organisation's name), bound to the call so every change is made and audited on its behalf. The
 * receptionist is the configured brains' ({@link LlmBrains#receptionist}): the chat model with the
 * desk as its tools for an LLM provider, the rule-based one offline.
 */
@Singleton
public class Receptionists {

  private final ServiceCentreStore store;
  private final DataSource db;
  private final LlmBrains brains;

  public Receptionists(ServiceCentreStore store, DataSource dataSource, LlmBrains brains) {
    this.store = store;
    this.db = RawDataSource.of(dataSource);
    this.brains = brains;
  }

  /** A receptionist and its desk for call {@code sessionId} to organisation {@code org}. */
  public Receptionist forCall(
      UUID org, UUID sessionId, BiConsumer<String, Map<String, Object>> audit) {
    Centre centre =
        store
            .centre(org)
            .orElseGet(
                () ->
                    new Centre(
                        org,
                        organizationName(org),
                        ZoneOffset.UTC,
                        1,
                        60,
                        60,
                        Map.of(),
                        List.of()));
    DeskLog log = new DeskLog();
    ServiceDesk desk =
        new LoggingServiceDesk(new CallServiceDesk(store, centre, sessionId, audit), log);
    return new Receptionist(brains.receptionist(desk), desk, new ReceptionAnalyst(log));
  }

  /**
   * A call's receptionist, the desk it works at, and the analyst that writes the call up from what
   * was done at the desk. The agent reports to the brains' root listener until the call rebinds it
   * ({@link StreamingDialogAgent#reportingTo}).
   */
  public record Receptionist(
      StreamingDialogAgent agent, ServiceDesk desk, PostCallAnalyst analyst) {}

  private String organizationName(UUID org) {
    try (Connection c = db.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT name FROM organizations WHERE id = ?")) {
      ps.setObject(1, org);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : "our office";
      }
    } catch (SQLException e) {
      throw new IllegalStateException("reading the organisation failed", e);
    }
  }
}
