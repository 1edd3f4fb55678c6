-- Reminder calls for booked appointments: when each is due, which call task carries it, and the
-- user the centre's reminder calls are placed for (whoever set the centre up).
ALTER TABLE service_centres ADD COLUMN owner_user_id uuid REFERENCES users (id) ON DELETE SET NULL;

ALTER TABLE appointments ADD COLUMN reminder_due_at timestamptz;
ALTER TABLE appointments ADD COLUMN reminder_task_id uuid REFERENCES call_tasks (id) ON DELETE SET NULL;
-- A claim's lease: another instance leaves the reminder alone until it runs out.
ALTER TABLE appointments ADD COLUMN reminder_claimed_until timestamptz;
CREATE INDEX appointments_reminders_due ON appointments (reminder_due_at)
    WHERE status = 'booked' AND reminder_task_id IS NULL AND reminder_due_at IS NOT NULL;
