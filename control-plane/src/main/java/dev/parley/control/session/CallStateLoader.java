package dev.parley.control.session;

import java.util.UUID;

/** Rebuilds a call's live state from the record when the cache does not have it. */
public interface CallStateLoader {
  /** The state as Postgres records it; empty lists when nothing is recorded yet. */
  LiveCallState load(UUID sessionId) throws Exception;
}
