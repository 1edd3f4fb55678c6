package dev.parley.control.session;

import dev.parley.control.auth.Caller;
import dev.parley.control.session.CallSessionViews.SessionDetails;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.UUID;

/** Read access to call sessions. */
@Controller("/api/v1/call-sessions")
@ExecuteOn(TaskExecutors.BLOCKING)
class CallSessionController {
  private final CallSessionService sessions;

  CallSessionController(CallSessionService sessions) {
    this.sessions = sessions;
  }

  /** A session with its transcript segments, extracted data and events. */
  @Get("/{id}")
  SessionDetails get(Caller caller, UUID id) {
    return sessions.details(caller, id);
  }
}
