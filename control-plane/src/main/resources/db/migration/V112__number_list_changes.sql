-- Who put a number on, or took it off, an organisation's do-not-call list or allow-list, and why.
-- The lists themselves hold only what is listed now; taking a number off the do-not-call list is
-- a compliance decision, so every change is kept here (rows are never updated or deleted while
-- the organisation exists).
CREATE TABLE number_list_changes (
    id              uuid PRIMARY KEY,
    organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    list            text NOT NULL CHECK (list IN ('do_not_call', 'allow_list')),
    phone           text NOT NULL CHECK (phone ~ '^\+[1-9][0-9]{6,14}$'),
    action          text NOT NULL CHECK (action IN ('added', 'removed')),
    note            text CHECK (length(note) <= 500),
    user_id         uuid REFERENCES users (id) ON DELETE SET NULL,
    session_id      uuid REFERENCES call_sessions (id) ON DELETE SET NULL,
    at              timestamptz NOT NULL
);
CREATE INDEX number_list_changes_org_at ON number_list_changes (organization_id, at DESC);

CREATE FUNCTION number_list_changes_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- Cascades from a removed organisation (delete) or user or session (set null) are allowed.
    IF pg_trigger_depth() > 1 THEN
        IF TG_OP = 'DELETE' THEN
            RETURN OLD;
        END IF;
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'number_list_changes is append-only (% refused)', TG_OP USING ERRCODE = 'raise_exception';
END;
$$;

CREATE TRIGGER number_list_changes_immutable
    BEFORE UPDATE OR DELETE ON number_list_changes
    FOR EACH ROW EXECUTE FUNCTION number_list_changes_append_only();

-- Numbers the agent put on the list during a call before this table existed keep their history.
INSERT INTO number_list_changes (id, organization_id, list, phone, action, note, at)
SELECT id, organization_id, 'do_not_call', phone, 'added', reason, created_at FROM do_not_call_numbers;
