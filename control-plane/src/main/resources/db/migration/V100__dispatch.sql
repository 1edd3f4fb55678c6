-- Dispatcher, guards and telephony support (owned by control.dispatch / control.guard / control.telephony).

-- The claim statement looks for three kinds of due row; each gets a partial index so the claim's
-- sub-select never scans finished tasks.
CREATE INDEX call_tasks_ready ON call_tasks (created_at) WHERE status = 'ready_to_call';
CREATE INDEX call_tasks_dialing_lease ON call_tasks (lease_expires_at) WHERE status = 'dialing';
-- Rate limits count a user's attempts in the last day.
CREATE INDEX call_tasks_owner_user ON call_tasks (owner_user_id);
CREATE INDEX call_sessions_created ON call_sessions (created_at);
-- Inbound lookups of the caller against contacts and the watchdog's scan of live sessions.
CREATE INDEX contacts_phone ON contacts (phone);
CREATE INDEX call_sessions_live ON call_sessions (updated_at)
    WHERE status IN ('initiated', 'ringing', 'connected');

-- The callee's own time zone when known (IANA id); calling hours fall back to the number's zones.
ALTER TABLE contacts ADD COLUMN IF NOT EXISTS time_zone text;

-- Inbound calls have a caller rather than a target; the session keeps both ends and the direction,
-- and the last moment media or a provider callback was seen (the watchdog's evidence of life).
ALTER TABLE call_sessions ADD COLUMN direction text NOT NULL DEFAULT 'outbound'
    CHECK (direction IN ('outbound', 'inbound'));
ALTER TABLE call_sessions ADD COLUMN from_phone text;
ALTER TABLE call_sessions ADD COLUMN to_phone text;
ALTER TABLE call_sessions ADD COLUMN last_activity_at timestamptz;
