-- Changes made in the same instant (an add and a removal in one request burst, or a clock that
-- stands still in tests) keep the order they were written in.
ALTER TABLE number_list_changes ADD COLUMN seq bigint GENERATED ALWAYS AS IDENTITY;
CREATE INDEX number_list_changes_org_seq ON number_list_changes (organization_id, seq DESC);
DROP INDEX number_list_changes_org_at;
