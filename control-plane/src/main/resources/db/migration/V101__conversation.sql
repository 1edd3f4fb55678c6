-- Conversation layer (owned by control.conversation).

-- Why the agent ended the call (completed, wrong_number, voicemail_left, opt_out, ...), stored the
-- moment it decides, before the provider's final status callback can arrive: whichever of that
-- callback and the conversation's write-up settles the attempt reads the same reason.
ALTER TABLE call_sessions ADD COLUMN hang_up_reason text;
