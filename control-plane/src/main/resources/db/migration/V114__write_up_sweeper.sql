-- Every answered call is written up exactly once (control.conversation.CallWriteUp): the write-up
-- claims its session by setting written_up_at in the transaction that stores it, so the call's own
-- write-up and the sweeper that catches calls left unwritten can never both write.
ALTER TABLE call_sessions ADD COLUMN written_up_at timestamptz;
-- A sweeper instance's lease on a session it is writing up: other instances leave it alone until it
-- runs out (an instance that died mid-way is taken over then).
ALTER TABLE call_sessions ADD COLUMN write_up_claimed_until timestamptz;

-- Sessions already written up before this column existed.
UPDATE call_sessions s SET written_up_at = e.at
  FROM (SELECT session_id, min(at) AS at FROM call_events
        WHERE type = 'call.analysed' AND session_id IS NOT NULL GROUP BY session_id) e
 WHERE e.session_id = s.id;

-- The sweeper looks at ended sessions not yet written up, within its look-back window.
CREATE INDEX call_sessions_unwritten ON call_sessions (ended_at)
    WHERE written_up_at IS NULL AND ended_at IS NOT NULL;
