-- The follow-up review and the programme report in SQL (issue 11, to the
-- filters, sorts and figures of issue 14). Each page of the review is read in
-- its sort's order from an index and stops after one page; see
-- src/repositories/action-review.ts for which index serves which sort.

-- Search over the candidate's name, email address and booking reference
-- ("contains", any case): trigrams. pg_trgm ships with PostgreSQL (the
-- embedded server and Debian's alike) and is a trusted extension.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- Sorts, each ending in the unique id that keyset pagination needs.
-- status: replaces (status, due_on), which it also serves (the overdue digest).
DROP INDEX "actions_status_due_on_idx";
CREATE INDEX "actions_status_due_on_id_idx" ON "actions"("status", "due_on", "id");
-- dueOn, and the "not overdue" half of the overdue sort.
CREATE INDEX "actions_due_on_id_idx" ON "actions"("due_on", "id");
-- The overdue filter and the overdue half of the overdue sort: open actions by due date.
CREATE INDEX "actions_open_due_on_id_idx" ON "actions"("due_on", "id")
  WHERE "status" IN ('not_started', 'in_progress');
-- statusSince (how long an action has been in its status).
CREATE INDEX "actions_status_changed_at_id_idx" ON "actions"("status_changed_at", "id");
-- coach: coaches in name order, then each coach's bookings ((coach_id, starts_at)) and their actions.
CREATE INDEX "staff_users_name_id_idx" ON "staff_users"("name", "id");
-- candidate: bookings in name order (any case), then each booking's actions ((booking_id, position)).
CREATE INDEX "bookings_candidate_name_id_idx" ON "bookings"(lower("candidate_name"), "id");

-- Filters. programme and coach use (programme_id, starts_at) and (coach_id, starts_at) on bookings.
-- agreed between: when the action was created.
CREATE INDEX "actions_created_at_idx" ON "actions"("created_at");
-- q: the same expression the review searches.
CREATE INDEX "bookings_candidate_search_idx" ON "bookings"
  USING gin (("candidate_name" || ' ' || "candidate_email" || ' ' || "reference") gin_trgm_ops);

-- Each row's latest comment from the candidate: one index probe per row of a page.
CREATE INDEX "action_status_changes_candidate_comment_idx" ON "action_status_changes"("action_id", "changed_at" DESC, "id" DESC)
  WHERE "actor" = 'candidate' AND "comment" IS NOT NULL;

-- The programme report: invitations sent in a period.
CREATE INDEX "invitations_programme_id_created_at_idx" ON "invitations"("programme_id", "created_at");
-- The report's share of actions done by a horizon: the few actions changed from done (reopened or dropped),
-- the only ones whose history it reads.
CREATE INDEX "action_status_changes_from_done_idx" ON "action_status_changes"("action_id")
  WHERE "from_status" = 'done' AND "to_status" <> 'done';
