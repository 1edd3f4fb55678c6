-- Parley control-plane schema. Every enum is a CHECK constraint, every time is timestamptz, and
-- every tenant-owned row carries organization_id so a query can always be scoped by tenant.

CREATE TABLE organizations (
    id          uuid PRIMARY KEY,
    name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    created_at  timestamptz NOT NULL
);

CREATE TABLE users (
    id              uuid PRIMARY KEY,
    organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    full_name       text NOT NULL CHECK (length(full_name) BETWEEN 1 AND 200),
    email           text NOT NULL CHECK (length(email) BETWEEN 3 AND 320),
    phone           text CHECK (phone ~ '^\+[1-9][0-9]{6,14}$'),
    default_tone    text NOT NULL DEFAULT 'neutral' CHECK (default_tone IN ('friendly', 'neutral', 'firm', 'assertive')),
    time_zone       text NOT NULL DEFAULT 'UTC',
    role            text NOT NULL DEFAULT 'member' CHECK (role IN ('member', 'admin')),
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL
);
CREATE UNIQUE INDEX users_email_unique ON users (lower(email));
CREATE INDEX users_organization ON users (organization_id);

-- Only the SHA-256 of a key is stored; the prefix (the first characters of the key, not secret)
-- finds the row without scanning every hash.
CREATE TABLE api_keys (
    id              uuid PRIMARY KEY,
    organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    user_id         uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name            text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    prefix          text NOT NULL CHECK (length(prefix) BETWEEN 8 AND 32),
    key_hash        bytea NOT NULL CHECK (length(key_hash) = 32),
    created_at      timestamptz NOT NULL,
    last_used_at    timestamptz,
    revoked_at      timestamptz
);
CREATE UNIQUE INDEX api_keys_prefix_unique ON api_keys (prefix);
CREATE UNIQUE INDEX api_keys_hash_unique ON api_keys (key_hash);
CREATE INDEX api_keys_user ON api_keys (user_id);

CREATE TABLE contacts (
    id              uuid PRIMARY KEY,
    organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    owner_user_id   uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name            text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    company         text,
    phone           text NOT NULL CHECK (phone ~ '^\+[1-9][0-9]{6,14}$'),
    email           text,
    notes           text,
    kind            text NOT NULL DEFAULT 'person' CHECK (kind IN ('person', 'business')),
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL
);
CREATE INDEX contacts_owner_phone ON contacts (owner_user_id, phone);
CREATE INDEX contacts_organization ON contacts (organization_id);

CREATE TABLE assistant_settings (
    user_id                  uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    organization_id          uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    auto_approve_amount      numeric(12, 2) NOT NULL DEFAULT 0 CHECK (auto_approve_amount >= 0),
    require_approval_amount  numeric(12, 2) NOT NULL DEFAULT 100 CHECK (require_approval_amount >= 0),
    default_tone             text NOT NULL DEFAULT 'neutral' CHECK (default_tone IN ('friendly', 'neutral', 'firm', 'assertive')),
    allowed_personal_fields  jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(allowed_personal_fields) = 'array'),
    forbidden_phrases        jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(forbidden_phrases) = 'array'),
    auto_retry               boolean NOT NULL DEFAULT true,
    max_retry_attempts       integer NOT NULL DEFAULT 3 CHECK (max_retry_attempts BETWEEN 0 AND 10),
    calling_window_start     time NOT NULL DEFAULT '09:00',
    calling_window_end       time NOT NULL DEFAULT '20:00',
    voicemail_policy         text NOT NULL DEFAULT 'hang_up' CHECK (voicemail_policy IN ('hang_up', 'leave_message')),
    updated_at               timestamptz NOT NULL,
    CHECK (auto_approve_amount <= require_approval_amount),
    CHECK (calling_window_start < calling_window_end)
);

CREATE TABLE call_tasks (
    id                       uuid PRIMARY KEY,
    organization_id          uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    owner_user_id            uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    parent_task_id           uuid REFERENCES call_tasks (id) ON DELETE SET NULL,
    title                    text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
    raw_instruction          text NOT NULL CHECK (length(raw_instruction) BETWEEN 1 AND 4000),
    kind                     text NOT NULL CHECK (kind IN ('personal', 'b2b', 'reminder', 'inbound')),
    status                   text NOT NULL CHECK (status IN ('pending', 'preparing', 'waiting_for_user', 'ready_to_call',
                                 'scheduled', 'dialing', 'in_progress', 'completed', 'failed', 'cancelled')),
    outcome                  text CHECK (outcome IN ('goal_achieved', 'not_achieved', 'no_answer', 'busy', 'voicemail',
                                 'wrong_number', 'declined', 'error')),
    priority                 text NOT NULL DEFAULT 'normal' CHECK (priority IN ('low', 'normal', 'high')),
    contact_id               uuid REFERENCES contacts (id) ON DELETE SET NULL,
    target_phone             text CHECK (target_phone ~ '^\+[1-9][0-9]{6,14}$'),
    tone                     text NOT NULL CHECK (tone IN ('friendly', 'neutral', 'firm', 'assertive')),
    max_price                numeric(12, 2) CHECK (max_price >= 0),
    currency                 text NOT NULL DEFAULT 'USD' CHECK (currency ~ '^[A-Z]{3}$'),
    hard_constraints         jsonb NOT NULL DEFAULT '[]'::jsonb,
    soft_preferences         jsonb NOT NULL DEFAULT '[]'::jsonb,
    needs_user_confirmation  boolean NOT NULL DEFAULT false,
    plan                     jsonb,
    summary                  text,
    goal_achieved            boolean,
    follow_up_required       boolean NOT NULL DEFAULT false,
    attempt_count            integer NOT NULL DEFAULT 0 CHECK (attempt_count >= 0),
    max_attempts             integer NOT NULL DEFAULT 3 CHECK (max_attempts BETWEEN 1 AND 20),
    scheduled_for            timestamptz,
    next_attempt_at          timestamptz,
    last_attempt_at          timestamptz,
    lease_owner              text,
    lease_expires_at         timestamptz,
    version                  bigint NOT NULL DEFAULT 0,
    failure_reason           text,
    attestation              jsonb,
    estimated_cost           numeric(12, 4) CHECK (estimated_cost >= 0),
    actual_cost              numeric(12, 4) CHECK (actual_cost >= 0),
    cost_breakdown           jsonb,
    created_at               timestamptz NOT NULL,
    updated_at               timestamptz NOT NULL,
    CHECK (attempt_count <= max_attempts),
    CHECK ((lease_owner IS NULL) = (lease_expires_at IS NULL)),
    CHECK (kind <> 'b2b' OR attestation IS NOT NULL),
    CHECK (status NOT IN ('ready_to_call', 'scheduled', 'dialing', 'in_progress') OR target_phone IS NOT NULL),
    CHECK (status <> 'scheduled' OR next_attempt_at IS NOT NULL)
);
-- The rule "one live call per number per organisation" lives here, not in a read-then-write check,
-- so two concurrent requests cannot both pass it.
CREATE UNIQUE INDEX call_tasks_one_active_per_phone ON call_tasks (organization_id, target_phone)
    WHERE status IN ('ready_to_call', 'scheduled', 'dialing', 'in_progress');
CREATE INDEX call_tasks_org_created ON call_tasks (organization_id, created_at DESC, id DESC);
CREATE INDEX call_tasks_due ON call_tasks (next_attempt_at) WHERE status = 'scheduled';
CREATE INDEX call_tasks_lease ON call_tasks (lease_expires_at) WHERE lease_owner IS NOT NULL;

CREATE TABLE call_sessions (
    id                       uuid PRIMARY KEY,
    organization_id          uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    task_id                  uuid NOT NULL REFERENCES call_tasks (id) ON DELETE CASCADE,
    attempt_number           integer NOT NULL CHECK (attempt_number >= 1),
    provider_call_id         text UNIQUE,
    idempotency_token        text NOT NULL UNIQUE,
    status                   text NOT NULL CHECK (status IN ('initiated', 'ringing', 'connected', 'completed', 'failed',
                                 'cancelled', 'no_answer', 'busy')),
    answered_by              text CHECK (answered_by IN ('human', 'machine', 'fax', 'unknown')),
    media_node               text,
    started_at               timestamptz,
    ended_at                 timestamptz,
    duration_seconds         integer CHECK (duration_seconds >= 0),
    failure_reason           text,
    cost_breakdown           jsonb,
    recording_ref            text,
    last_callback_sequence   integer NOT NULL DEFAULT -1,
    version                  bigint NOT NULL DEFAULT 0,
    created_at               timestamptz NOT NULL,
    updated_at               timestamptz NOT NULL,
    UNIQUE (task_id, attempt_number),
    CHECK (ended_at IS NULL OR started_at IS NULL OR ended_at >= started_at)
);
CREATE INDEX call_sessions_task ON call_sessions (task_id);

CREATE TABLE transcripts (
    id              uuid PRIMARY KEY,
    organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    session_id      uuid NOT NULL UNIQUE REFERENCES call_sessions (id) ON DELETE CASCADE,
    language        text NOT NULL DEFAULT 'en',
    created_at      timestamptz NOT NULL
);

CREATE TABLE transcript_segments (
    id              uuid PRIMARY KEY,
    transcript_id   uuid NOT NULL REFERENCES transcripts (id) ON DELETE CASCADE,
    seq             integer NOT NULL CHECK (seq >= 0),
    speaker         text NOT NULL CHECK (speaker IN ('assistant', 'human', 'system')),
    start_ms        integer NOT NULL CHECK (start_ms >= 0),
    end_ms          integer NOT NULL,
    text            text NOT NULL,
    sentiment       text,
    interrupted     boolean NOT NULL DEFAULT false,
    heard_ms        integer CHECK (heard_ms >= 0),
    meta            jsonb NOT NULL DEFAULT '{}'::jsonb,
    created_at      timestamptz NOT NULL,
    UNIQUE (transcript_id, seq),
    CHECK (end_ms >= start_ms),
    CHECK (interrupted OR heard_ms IS NULL)
);

CREATE TABLE extracted_data (
    id              uuid PRIMARY KEY,
    organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    task_id         uuid NOT NULL REFERENCES call_tasks (id) ON DELETE CASCADE,
    session_id      uuid REFERENCES call_sessions (id) ON DELETE CASCADE,
    key             text NOT NULL CHECK (length(key) BETWEEN 1 AND 200),
    value           text NOT NULL,
    value_type      text NOT NULL CHECK (value_type IN ('string', 'number', 'datetime', 'boolean', 'json')),
    raw_fragment    text,
    created_at      timestamptz NOT NULL
);
CREATE INDEX extracted_data_session ON extracted_data (session_id);
CREATE INDEX extracted_data_task ON extracted_data (task_id);

CREATE TABLE notifications (
    id              uuid PRIMARY KEY,
    organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    user_id         uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    task_id         uuid REFERENCES call_tasks (id) ON DELETE CASCADE,
    type            text NOT NULL CHECK (type IN ('call_needs_clarification', 'call_pre_approval', 'call_approval_needed',
                        'call_completed', 'call_needs_followup', 'call_failed')),
    payload         jsonb NOT NULL DEFAULT '{}'::jsonb,
    read            boolean NOT NULL DEFAULT false,
    created_at      timestamptz NOT NULL
);
CREATE INDEX notifications_user_created ON notifications (user_id, created_at DESC, id DESC);

-- Append-only audit trail: rows may be inserted, never changed or removed (trigger below).
CREATE TABLE call_events (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    task_id         uuid REFERENCES call_tasks (id) ON DELETE CASCADE,
    session_id      uuid REFERENCES call_sessions (id) ON DELETE CASCADE,
    type            text NOT NULL CHECK (length(type) BETWEEN 1 AND 100),
    from_state      text,
    to_state        text,
    detail          jsonb NOT NULL DEFAULT '{}'::jsonb,
    at              timestamptz NOT NULL,
    CHECK (task_id IS NOT NULL OR session_id IS NOT NULL)
);
CREATE INDEX call_events_task ON call_events (task_id, id);
CREATE INDEX call_events_session ON call_events (session_id, id);

CREATE FUNCTION call_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- Cascading deletes from a removed organisation/task are allowed (pg_trigger_depth() > 1);
    -- a direct UPDATE or DELETE of an audit row is not.
    IF TG_OP = 'DELETE' AND pg_trigger_depth() > 1 THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'call_events is append-only (% refused)', TG_OP USING ERRCODE = 'raise_exception';
END;
$$;
CREATE TRIGGER call_events_no_update BEFORE UPDATE OR DELETE ON call_events
    FOR EACH ROW EXECUTE FUNCTION call_events_append_only();

CREATE TABLE webhook_receipts (
    id                  uuid PRIMARY KEY,
    provider            text NOT NULL CHECK (length(provider) BETWEEN 1 AND 50),
    provider_event_key  text NOT NULL CHECK (length(provider_event_key) BETWEEN 1 AND 500),
    received_at         timestamptz NOT NULL,
    UNIQUE (provider, provider_event_key)
);

CREATE TABLE call_flags (
    id              uuid PRIMARY KEY,
    organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    task_id         uuid NOT NULL REFERENCES call_tasks (id) ON DELETE CASCADE,
    session_id      uuid REFERENCES call_sessions (id) ON DELETE CASCADE,
    reason          text NOT NULL CHECK (length(reason) BETWEEN 1 AND 1000),
    status          text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved')),
    resolution      text,
    resolved_by     uuid REFERENCES users (id) ON DELETE SET NULL,
    created_at      timestamptz NOT NULL,
    resolved_at     timestamptz,
    CHECK ((status = 'resolved') = (resolution IS NOT NULL AND resolved_at IS NOT NULL))
);
CREATE INDEX call_flags_org_status ON call_flags (organization_id, status);

CREATE TABLE consents (
    id              uuid PRIMARY KEY,
    organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    user_id         uuid REFERENCES users (id) ON DELETE SET NULL,
    task_id         uuid REFERENCES call_tasks (id) ON DELETE CASCADE,
    phone           text CHECK (phone ~ '^\+[1-9][0-9]{6,14}$'),
    kind            text NOT NULL CHECK (kind IN ('recording', 'calling', 'b2b_attestation')),
    granted         boolean NOT NULL,
    detail          jsonb NOT NULL DEFAULT '{}'::jsonb,
    client_ip       text,
    recorded_at     timestamptz NOT NULL
);
CREATE INDEX consents_task ON consents (task_id);

CREATE TABLE do_not_call_numbers (
    id              uuid PRIMARY KEY,
    organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    phone           text NOT NULL CHECK (phone ~ '^\+[1-9][0-9]{6,14}$'),
    reason          text,
    created_at      timestamptz NOT NULL,
    UNIQUE (organization_id, phone)
);

CREATE TABLE allow_listed_numbers (
    id              uuid PRIMARY KEY,
    organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    phone           text NOT NULL CHECK (phone ~ '^\+[1-9][0-9]{6,14}$'),
    label           text,
    created_at      timestamptz NOT NULL,
    UNIQUE (organization_id, phone)
);

-- A stored response for a create request, replayed when the same key arrives again.
-- response_status is NULL while the first request is still being processed.
CREATE TABLE idempotency_keys (
    user_id         uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    key             text NOT NULL CHECK (length(key) BETWEEN 1 AND 255),
    route           text NOT NULL,
    request_hash    bytea NOT NULL CHECK (length(request_hash) = 32),
    response_status integer CHECK (response_status BETWEEN 100 AND 599),
    response_body   text,
    created_at      timestamptz NOT NULL,
    PRIMARY KEY (user_id, key)
);
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);

CREATE TABLE approvals (
    id              uuid PRIMARY KEY,
    organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    task_id         uuid NOT NULL REFERENCES call_tasks (id) ON DELETE CASCADE,
    session_id      uuid REFERENCES call_sessions (id) ON DELETE CASCADE,
    amount          numeric(12, 2) CHECK (amount >= 0),
    reason          text NOT NULL CHECK (length(reason) BETWEEN 1 AND 1000),
    status          text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'declined')),
    decided_by      uuid REFERENCES users (id) ON DELETE SET NULL,
    created_at      timestamptz NOT NULL,
    decided_at      timestamptz,
    CHECK ((status = 'pending') = (decided_at IS NULL))
);
CREATE INDEX approvals_task ON approvals (task_id);
