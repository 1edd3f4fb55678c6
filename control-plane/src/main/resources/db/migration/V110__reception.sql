-- The receptionist of a car-service centre: the centre's calendar (hours, bays, services), its
-- customers' vehicles, the appointments booked (by phone or by staff), and messages for call-back.
-- Numbered apart from the core migrations so parallel work on those cannot collide with it.

CREATE TABLE service_centres (
    organization_id uuid PRIMARY KEY REFERENCES organizations (id) ON DELETE CASCADE,
    business_name   text NOT NULL CHECK (length(business_name) BETWEEN 1 AND 120),
    time_zone       text NOT NULL,
    bays            int NOT NULL CHECK (bays BETWEEN 1 AND 50),
    slot_minutes    int NOT NULL CHECK (slot_minutes IN (15, 20, 30, 60)),
    min_notice_minutes int NOT NULL DEFAULT 60 CHECK (min_notice_minutes BETWEEN 0 AND 10080),
    updated_at      timestamptz NOT NULL
);

-- Opening hours per ISO weekday (1 = Monday); a day without a row is closed.
CREATE TABLE service_hours (
    organization_id uuid NOT NULL REFERENCES service_centres (organization_id) ON DELETE CASCADE,
    weekday         smallint NOT NULL CHECK (weekday BETWEEN 1 AND 7),
    opens           time NOT NULL,
    closes          time NOT NULL,
    PRIMARY KEY (organization_id, weekday),
    CHECK (opens < closes)
);

CREATE TABLE service_offerings (
    organization_id uuid NOT NULL REFERENCES service_centres (organization_id) ON DELETE CASCADE,
    code            text NOT NULL CHECK (code ~ '^[a-z][a-z0-9_]{0,39}$'),
    name            text NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
    minutes         int NOT NULL CHECK (minutes BETWEEN 5 AND 480),
    price           numeric(10, 2) CHECK (price >= 0),
    keywords        text[] NOT NULL DEFAULT '{}',
    position        int NOT NULL DEFAULT 0,
    PRIMARY KEY (organization_id, code)
);

CREATE TABLE vehicles (
    id              uuid PRIMARY KEY,
    organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    contact_id      uuid NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    description     text NOT NULL CHECK (length(description) BETWEEN 1 AND 120),
    keywords        text[] NOT NULL DEFAULT '{}',
    plate           text,
    created_at      timestamptz NOT NULL
);
CREATE INDEX vehicles_contact ON vehicles (contact_id);

CREATE TABLE appointments (
    id                  uuid PRIMARY KEY,
    organization_id     uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    customer_phone      text NOT NULL CHECK (customer_phone ~ '^\+[1-9][0-9]{6,14}$'),
    customer_name       text,
    contact_id          uuid REFERENCES contacts (id) ON DELETE SET NULL,
    vehicle_id          uuid REFERENCES vehicles (id) ON DELETE SET NULL,
    vehicle_description text,
    service_code        text NOT NULL,
    service_name        text NOT NULL,
    starts_at           timestamptz NOT NULL,
    ends_at             timestamptz NOT NULL CHECK (ends_at > starts_at),
    bay                 int NOT NULL,
    status              text NOT NULL CHECK (status IN ('booked', 'cancelled')),
    confirmation_code   text NOT NULL,
    booked_on_session_id uuid REFERENCES call_sessions (id) ON DELETE SET NULL,
    cancelled_on_session_id uuid REFERENCES call_sessions (id) ON DELETE SET NULL,
    created_at          timestamptz NOT NULL,
    updated_at          timestamptz NOT NULL,
    UNIQUE (organization_id, confirmation_code)
);
CREATE INDEX appointments_calendar ON appointments (organization_id, starts_at) WHERE status = 'booked';
CREATE INDEX appointments_customer ON appointments (organization_id, customer_phone, starts_at);

-- One row per bay and slot an appointment holds: the primary key is what makes a double booking
-- impossible, whichever instance or call books concurrently.
CREATE TABLE appointment_slots (
    organization_id uuid NOT NULL,
    bay             int NOT NULL,
    slot_start      timestamptz NOT NULL,
    appointment_id  uuid NOT NULL REFERENCES appointments (id) ON DELETE CASCADE,
    PRIMARY KEY (organization_id, bay, slot_start)
);
CREATE INDEX appointment_slots_appointment ON appointment_slots (appointment_id);

CREATE TABLE reception_messages (
    id              uuid PRIMARY KEY,
    organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    caller_phone    text NOT NULL,
    caller_name     text,
    message         text NOT NULL CHECK (length(message) BETWEEN 1 AND 2000),
    session_id      uuid REFERENCES call_sessions (id) ON DELETE SET NULL,
    created_at      timestamptz NOT NULL
);
CREATE INDEX reception_messages_organization ON reception_messages (organization_id, created_at);
