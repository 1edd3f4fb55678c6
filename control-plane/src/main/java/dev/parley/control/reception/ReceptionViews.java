package dev.parley.control.reception;

import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** What the reception API returns. */
final class ReceptionViews {
  private ReceptionViews() {}

  /** The centre as set up. */
  @Serdeable
  record CentreView(
      String businessName,
      String timeZone,
      int bays,
      int slotMinutes,
      int minNoticeMinutes,
      String openingHours,
      List<CentreCommand.Hours> hours,
      List<ServiceView> services) {}

  @Serdeable
  record ServiceView(
      String code, String name, int minutes, BigDecimal price, List<String> keywords) {}

  @Serdeable
  record VehicleView(UUID id, UUID contactId, String description, String plate) {}

  @Serdeable
  record AppointmentView(
      UUID id,
      String status,
      String confirmationCode,
      String customerPhone,
      String customerName,
      String vehicle,
      String service,
      String serviceName,
      OffsetDateTime startsAt,
      OffsetDateTime endsAt,
      int bay,
      UUID bookedOnSessionId) {}

  @Serdeable
  record MessageView(
      UUID id,
      String callerPhone,
      String callerName,
      String message,
      UUID sessionId,
      OffsetDateTime createdAt) {}
}
