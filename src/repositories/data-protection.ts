/**
 * Data protection: finding everything held about one person, for
 * subject access and erasure. A person is found by email address: their
 * bookings and invitations with that address, and (one step further) the
 * bookings made from those invitations and the invitations those bookings
 * came from, which may carry another address of theirs.
 *
 * Other tables hang off these by id (history, links, preparation, notes,
 * actions, emails, queued jobs, idempotency answers); the audit log names
 * them by id too.
 */
import type { Queryable } from './db.js'
import { effectiveStatusSql } from './invitations.js'
import type {
  Action,
  ActionStatusChange,
  AuditEvent,
  Booking,
  BookingEvent,
  BookingManageToken,
  BookingPreparation,
  ConversationFeedback,
  ConversationNoteAddendum,
  ConversationNotes,
  ConversationOutcome,
  EmailDelivery,
  IdempotencyKey,
  Invitation,
  OutcomeFollowUp,
  Programme,
  StaffUser,
} from './rows.js'

export interface SubjectIds {
  bookingIds: string[]
  invitationIds: string[]
}

/** Escapes LIKE wildcards, for `ILIKE ANY(patterns)` that look for `text` anywhere. */
function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, '\\$&')}%`
}

/** The ids of the bookings and invitations of this (lower-case) address. `lock` holds them until the transaction ends. */
export async function findSubjectIds(db: Queryable, email: string, { lock = false } = {}): Promise<SubjectIds> {
  const forUpdate = lock ? 'FOR UPDATE' : ''
  const bookings = await db.query<{ id: string; invitation_id: string | null }>(
    `SELECT id, invitation_id FROM bookings WHERE candidate_email = $1 ${forUpdate}`,
    [email],
  )
  const invitations = await db.query<{ id: string }>(
    `SELECT id FROM invitations
      WHERE email = $1 OR id = ANY($2::uuid[]) ${forUpdate}`,
    [email, bookings.rows.flatMap((row) => (row.invitation_id ? [row.invitation_id] : []))],
  )
  const invitationIds = invitations.rows.map((row) => row.id)
  const fromInvitations = await db.query<{ id: string }>(
    `SELECT id FROM bookings WHERE invitation_id = ANY($1::uuid[]) AND NOT (id = ANY($2::uuid[])) ${forUpdate}`,
    [invitationIds, bookings.rows.map((row) => row.id)],
  )
  return {
    bookingIds: [...bookings.rows.map((row) => row.id), ...fromInvitations.rows.map((row) => row.id)],
    invitationIds,
  }
}

/** True when a staff account has this (lower-case) address. */
export async function isStaffEmail(db: Queryable, email: string): Promise<boolean> {
  const { rows } = await db.query('SELECT 1 FROM staff_users WHERE email = $1', [email])
  return rows.length > 0
}

/** What identifies the person in free text: their addresses, names, phone numbers and booking references. */
export async function subjectIdentifiers(db: Queryable, ids: SubjectIds): Promise<{ emails: string[]; names: string[]; phones: string[]; references: string[] }> {
  const { rows } = await db.query<{ kind: string; value: string }>(
    `SELECT 'email' AS kind, candidate_email AS value FROM bookings WHERE id = ANY($1::uuid[])
     UNION SELECT 'name', candidate_name FROM bookings WHERE id = ANY($1::uuid[])
     UNION SELECT 'phone', candidate_phone FROM bookings WHERE id = ANY($1::uuid[]) AND candidate_phone <> ''
     UNION SELECT 'reference', reference FROM bookings WHERE id = ANY($1::uuid[])
     UNION SELECT 'email', email FROM invitations WHERE id = ANY($2::uuid[])
     UNION SELECT 'name', name FROM invitations WHERE id = ANY($2::uuid[])
     UNION SELECT 'phone', phone FROM invitations WHERE id = ANY($2::uuid[]) AND phone <> ''`,
    [ids.bookingIds, ids.invitationIds],
  )
  const of = (kind: string) => [...new Set(rows.filter((row) => row.kind === kind && row.value).map((row) => row.value))]
  return { emails: of('email'), names: of('name'), phones: of('phone'), references: of('reference') }
}

// --- What subject access shows -------------------------------------------------------

export type BookingRecord = Pick<
  Booking,
  | 'id'
  | 'reference'
  | 'programmeId'
  | 'candidateName'
  | 'candidateEmail'
  | 'candidatePhone'
  | 'contactMethod'
  | 'accessibilityNeeds'
  | 'candidateTimeZone'
  | 'status'
  | 'startsAt'
  | 'endsAt'
  | 'cancelledAt'
  | 'cancelledBy'
  | 'cancellationReason'
  | 'invitationId'
  | 'consentNoticeVersion'
  | 'consentAcknowledgedAt'
  | 'createdAt'
  | 'updatedAt'
> & { programmeName: Programme['name']; coachName: StaffUser['name'] }

export async function loadBookings(db: Queryable, ids: readonly string[]): Promise<BookingRecord[]> {
  const { rows } = await db.query<BookingRecord>(
    `SELECT b.id, b.reference, b.programme_id AS "programmeId", p.name AS "programmeName", su.name AS "coachName",
            b.candidate_name AS "candidateName", b.candidate_email AS "candidateEmail", b.candidate_phone AS "candidatePhone",
            b.contact_method::text AS "contactMethod", b.accessibility_needs AS "accessibilityNeeds",
            b.candidate_time_zone AS "candidateTimeZone", b.status::text AS status, b.starts_at AS "startsAt", b.ends_at AS "endsAt",
            b.cancelled_at AS "cancelledAt", b.cancelled_by::text AS "cancelledBy", b.cancellation_reason AS "cancellationReason",
            b.invitation_id AS "invitationId", b.consent_notice_version AS "consentNoticeVersion",
            b.consent_acknowledged_at AS "consentAcknowledgedAt", b.created_at AS "createdAt", b.updated_at AS "updatedAt"
       FROM bookings b
       JOIN programmes p ON p.id = b.programme_id
       JOIN coaches c ON c.id = b.coach_id
       JOIN staff_users su ON su.id = c.staff_user_id
      WHERE b.id = ANY($1::uuid[])
      ORDER BY b.starts_at, b.id`,
    [ids],
  )
  return rows
}

export type BookingEventRecord = Pick<
  BookingEvent,
  'bookingId' | 'kind' | 'actor' | 'occurredAt' | 'previousStartsAt' | 'previousEndsAt' | 'startsAt' | 'endsAt' | 'reason' | 'sequence'
> & {
  /** The coaches' names, while their accounts exist. */
  previousCoachName: StaffUser['name'] | null
  coachName: StaffUser['name'] | null
}

export async function loadBookingEvents(db: Queryable, ids: readonly string[]): Promise<BookingEventRecord[]> {
  const { rows } = await db.query<BookingEventRecord>(
    `SELECT e.booking_id AS "bookingId", e.kind::text AS kind, e.actor::text AS actor, e.occurred_at AS "occurredAt",
            e.previous_starts_at AS "previousStartsAt", e.previous_ends_at AS "previousEndsAt", pu.name AS "previousCoachName",
            e.starts_at AS "startsAt", e.ends_at AS "endsAt", cu.name AS "coachName", e.reason, e.sequence
       FROM booking_events e
       LEFT JOIN coaches pc ON pc.id = e.previous_coach_id LEFT JOIN staff_users pu ON pu.id = pc.staff_user_id
       LEFT JOIN coaches cc ON cc.id = e.coach_id LEFT JOIN staff_users cu ON cu.id = cc.staff_user_id
      WHERE e.booking_id = ANY($1::uuid[])
      ORDER BY e.occurred_at, e.sequence, e.id`,
    [ids],
  )
  return rows
}

export type ManageLinkRecord = Pick<BookingManageToken, 'bookingId' | 'createdAt' | 'expiresAt'>

/** When each manage link was made and when it stops working (the token itself is only a hash: not shown). */
export async function loadManageLinks(db: Queryable, ids: readonly string[]): Promise<ManageLinkRecord[]> {
  const { rows } = await db.query<ManageLinkRecord>(
    `SELECT booking_id AS "bookingId", created_at AS "createdAt", expires_at AS "expiresAt"
       FROM booking_manage_tokens WHERE booking_id = ANY($1::uuid[]) ORDER BY created_at, id`,
    [ids],
  )
  return rows
}

export type PreparationRecord = Pick<BookingPreparation, 'bookingId' | 'updatedAt'> & {
  /** JSON in the schema: an object of answers by question. */
  answers: Record<string, unknown>
}

export async function loadPreparations(db: Queryable, ids: readonly string[]): Promise<PreparationRecord[]> {
  const { rows } = await db.query<PreparationRecord>(
    `SELECT booking_id AS "bookingId", answers, updated_at AS "updatedAt" FROM booking_preparations WHERE booking_id = ANY($1::uuid[])`,
    [ids],
  )
  return rows
}

export type NotesRecord = Pick<
  ConversationNotes,
  'bookingId' | 'modelKey' | 'modelVersion' | 'noActionsAgreed' | 'status' | 'createdAt' | 'updatedAt' | 'completedAt'
> & {
  /** JSON in the schema: an object of the notes' fields. */
  values: Record<string, unknown>
}

export async function loadNotes(db: Queryable, ids: readonly string[]): Promise<NotesRecord[]> {
  const { rows } = await db.query<NotesRecord>(
    `SELECT booking_id AS "bookingId", model_key AS "modelKey", model_version AS "modelVersion", note_values AS "values",
            no_actions_agreed AS "noActionsAgreed", status::text AS status, created_at AS "createdAt", updated_at AS "updatedAt",
            completed_at AS "completedAt"
       FROM conversation_notes WHERE booking_id = ANY($1::uuid[])`,
    [ids],
  )
  return rows
}

export type AddendumRecord = Pick<ConversationNoteAddendum, 'bookingId' | 'visibility' | 'text' | 'createdAt'> & {
  /** The author's name, while their account exists. */
  authorName: StaffUser['name'] | null
}

export async function loadAddenda(db: Queryable, ids: readonly string[]): Promise<AddendumRecord[]> {
  const { rows } = await db.query<AddendumRecord>(
    `SELECT a.booking_id AS "bookingId", a.visibility::text AS visibility, a.text, u.name AS "authorName", a.created_at AS "createdAt"
       FROM conversation_note_addenda a LEFT JOIN staff_users u ON u.id = a.author_id
      WHERE a.booking_id = ANY($1::uuid[]) ORDER BY a.created_at, a.id`,
    [ids],
  )
  return rows
}

export type OutcomeRecord = Pick<ConversationOutcome, 'bookingId' | 'outcome' | 'recordedAt'>

export async function loadOutcomes(db: Queryable, ids: readonly string[]): Promise<OutcomeRecord[]> {
  const { rows } = await db.query<OutcomeRecord>(
    `SELECT booking_id AS "bookingId", outcome::text AS outcome, recorded_at AS "recordedAt"
       FROM conversation_outcomes WHERE booking_id = ANY($1::uuid[])`,
    [ids],
  )
  return rows
}

/** The candidate's feedback and outcome follow-ups, as stored. */
export type FeedbackRecord = Pick<
  ConversationFeedback,
  'bookingId' | 'status' | 'usefulness' | 'knowsNextStep' | 'confidence' | 'comment' | 'firstAnsweredAt' | 'updatedAt'
>

export async function loadFeedback(db: Queryable, ids: readonly string[]): Promise<FeedbackRecord[]> {
  const { rows } = await db.query<FeedbackRecord>(
    `SELECT booking_id AS "bookingId", status::text AS status, usefulness::text AS usefulness, knows_next_step::text AS "knowsNextStep",
            confidence, comment, first_answered_at AS "firstAnsweredAt", updated_at AS "updatedAt"
       FROM conversation_feedback WHERE booking_id = ANY($1::uuid[])`,
    [ids],
  )
  return rows
}

export type FollowUpRecord = Pick<OutcomeFollowUp, 'bookingId' | 'months' | 'status' | 'doneSince' | 'helped' | 'firstAnsweredAt' | 'updatedAt'>

export async function loadFollowUps(db: Queryable, ids: readonly string[]): Promise<FollowUpRecord[]> {
  const { rows } = await db.query<FollowUpRecord>(
    `SELECT booking_id AS "bookingId", months::int AS months, status::text AS status, done_since::text[] AS "doneSince", helped::text AS helped,
            first_answered_at AS "firstAnsweredAt", updated_at AS "updatedAt"
       FROM outcome_follow_ups WHERE booking_id = ANY($1::uuid[]) ORDER BY booking_id, months`,
    [ids],
  )
  return rows
}

/** `resourceTitle` and `resourceUrl` are the library resource's when the action links one. */
export type ActionRecord = Pick<
  Action,
  | 'id'
  | 'bookingId'
  | 'position'
  | 'summary'
  | 'owner'
  | 'category'
  | 'resourceTitle'
  | 'resourceUrl'
  | 'status'
  | 'statusChangedAt'
  | 'createdAt'
  | 'updatedAt'
> & {
  /** YYYY-MM-DD: the date column read as text. */
  dueOn: string
}

export async function loadActions(db: Queryable, ids: readonly string[]): Promise<ActionRecord[]> {
  const { rows } = await db.query<ActionRecord>(
    `SELECT a.id, a.booking_id AS "bookingId", a.position, a.summary, a.owner::text AS owner, a.due_on::text AS "dueOn",
            a.category::text AS category, coalesce(r.title, a.resource_title) AS "resourceTitle",
            coalesce(r.url, a.resource_url) AS "resourceUrl", a.status::text AS status,
            a.status_changed_at AS "statusChangedAt", a.created_at AS "createdAt", a.updated_at AS "updatedAt"
       FROM actions a LEFT JOIN programme_resources r ON r.id = a.resource_id
      WHERE a.booking_id = ANY($1::uuid[]) ORDER BY a.booking_id, a.position, a.id`,
    [ids],
  )
  return rows
}

export type ActionChangeRecord = Pick<ActionStatusChange, 'actionId' | 'fromStatus' | 'toStatus' | 'changedAt' | 'actor' | 'comment'>

export async function loadActionChanges(db: Queryable, actionIds: readonly string[]): Promise<ActionChangeRecord[]> {
  const { rows } = await db.query<ActionChangeRecord>(
    `SELECT action_id AS "actionId", from_status::text AS "fromStatus", to_status::text AS "toStatus", changed_at AS "changedAt",
            actor::text AS actor, comment
       FROM action_status_changes WHERE action_id = ANY($1::uuid[]) ORDER BY id`,
    [actionIds],
  )
  return rows
}

/** `status` as it is now: `expired` once past expiresAt. */
export type InvitationRecord = Pick<Invitation, 'id' | 'name' | 'email' | 'phone' | 'note' | 'status' | 'createdAt' | 'expiresAt'> & {
  programmeName: Programme['name']
}

export async function loadInvitations(db: Queryable, ids: readonly string[], now: Date): Promise<InvitationRecord[]> {
  const { rows } = await db.query<InvitationRecord>(
    `SELECT i.id, p.name AS "programmeName", i.name, i.email, i.phone, i.note,
            ${effectiveStatusSql('$2')} AS status,
            i.created_at AS "createdAt", i.expires_at AS "expiresAt"
       FROM invitations i JOIN programmes p ON p.id = i.programme_id
      WHERE i.id = ANY($1::uuid[]) ORDER BY i.created_at, i.id`,
    [ids, now],
  )
  return rows
}

export type DeliveryRecord = Pick<
  EmailDelivery,
  | 'id'
  | 'kind'
  | 'bookingId'
  | 'invitationId'
  | 'recipient'
  | 'subject'
  | 'messageId'
  | 'status'
  | 'attempts'
  | 'createdAt'
  | 'sentAt'
  | 'failedAt'
>

/** Emails about their bookings and invitations (to them or to their coach), and any other email to their address. */
export async function loadDeliveries(db: Queryable, ids: SubjectIds, emails: readonly string[]): Promise<DeliveryRecord[]> {
  const { rows } = await db.query<DeliveryRecord>(
    `SELECT id, kind, booking_id AS "bookingId", invitation_id AS "invitationId", recipient, subject, message_id AS "messageId",
            status, attempts, created_at AS "createdAt", sent_at AS "sentAt", failed_at AS "failedAt"
       FROM email_deliveries
      WHERE booking_id = ANY($1::uuid[]) OR invitation_id = ANY($2::uuid[]) OR lower(recipient) = ANY($3::text[])
         OR last_error ILIKE ANY($4::text[])
      ORDER BY created_at, id`,
    [ids.bookingIds, ids.invitationIds, emails, emails.map(containsPattern)],
  )
  return rows
}

export interface QueuedJobRecord {
  id: string
  task: string
  runAt: Date
  attempts: number
  maxAttempts: number
  locked: boolean
  payload: unknown
}

/**
 * Jobs waiting in graphile-worker's queue about them: by the booking or
 * invitation id in the payload or the job key, or their address anywhere in
 * the payload or the last error.
 */
export async function loadQueuedJobs(db: Queryable, ids: SubjectIds, emails: readonly string[]): Promise<QueuedJobRecord[]> {
  const { rows } = await db.query<QueuedJobRecord>(
    `SELECT j.id::text AS id, t.identifier AS task, j.run_at AS "runAt", j.attempts, j.max_attempts AS "maxAttempts",
            j.locked_at IS NOT NULL AS locked, j.payload
       FROM graphile_worker._private_jobs j JOIN graphile_worker._private_tasks t ON t.id = j.task_id
      WHERE j.payload->>'bookingId' = ANY($1::text[]) OR j.payload->>'invitationId' = ANY($2::text[])
         OR j.key LIKE ANY(ARRAY(SELECT 'booking:' || b || ':%' FROM unnest($1::text[]) AS b))
         OR j.payload::text ILIKE ANY($3::text[]) OR j.last_error ILIKE ANY($3::text[])
      ORDER BY j.run_at, j.id`,
    [ids.bookingIds, ids.invitationIds, emails.map(containsPattern)],
  )
  return rows
}

export type IdempotencyRecord = Pick<IdempotencyKey, 'id' | 'scope' | 'bookingId' | 'statusCode' | 'createdAt' | 'expiresAt'> & {
  /** JSON in the schema: the answer as it was given. */
  responseBody: unknown
}

/** Answers kept for Idempotency-Key retries: they copy the booking as it was answered. */
export async function loadIdempotencyAnswers(db: Queryable, ids: SubjectIds, emails: readonly string[]): Promise<IdempotencyRecord[]> {
  const { rows } = await db.query<IdempotencyRecord>(
    `SELECT id, scope, booking_id AS "bookingId", status_code AS "statusCode", response_body AS "responseBody",
            created_at AS "createdAt", expires_at AS "expiresAt"
       FROM idempotency_keys
      WHERE booking_id = ANY($1::uuid[]) OR response_body::text ILIKE ANY($2::text[]) OR key ILIKE ANY($2::text[])
      ORDER BY created_at, id`,
    [ids.bookingIds, emails.map(containsPattern)],
  )
  return rows
}

export type AuditRecord = Pick<
  AuditEvent,
  'occurredAt' | 'actor' | 'action' | 'subjectType' | 'subjectId' | 'result' | 'ip' | 'requestId'
> & {
  /** A bigint in the schema, read as text (id::text). */
  id: string
  /** JSON in the schema: an object. */
  details: Record<string, unknown>
}

/**
 * Audit entries about them: about their bookings, invitations or emails, made
 * by them (candidate:<booking id>), or about an earlier request of theirs.
 */
export async function loadAuditEntries(
  db: Queryable,
  about: { bookingIds: readonly string[]; invitationIds: readonly string[]; deliveryIds: readonly string[]; subjectKey: string },
): Promise<AuditRecord[]> {
  const { rows } = await db.query<AuditRecord>(
    `SELECT id::text AS id, occurred_at AS "occurredAt", actor, action, subject_type AS "subjectType", subject_id AS "subjectId",
            result, ip, request_id AS "requestId", details
       FROM audit_events
      WHERE (subject_type = 'booking' AND subject_id = ANY($1::text[]))
         OR actor = ANY(ARRAY(SELECT 'candidate:' || b FROM unnest($1::text[]) AS b))
         OR details->>'bookingId' = ANY($1::text[])
         OR (subject_type = 'invitation' AND subject_id = ANY($2::text[]))
         OR (subject_type = 'email_delivery' AND subject_id = ANY($3::text[]))
         OR (subject_type = 'data_subject' AND subject_id = $4)
      ORDER BY occurred_at, audit_events.id`,
    [about.bookingIds, about.invitationIds, about.deliveryIds, about.subjectKey],
  )
  return rows
}

// --- Queued jobs -----------------------------------------------------------------------

/**
 * Removes waiting jobs through graphile-worker's own `complete_jobs` (a job
 * running right now is left to finish: it finds nothing left to act on).
 * Gives how many were removed.
 */
export async function removeQueuedJobs(db: Queryable, jobIds: readonly string[]): Promise<number> {
  if (jobIds.length === 0) return 0
  const { rows } = await db.query('SELECT id FROM graphile_worker.complete_jobs($1::bigint[])', [jobIds])
  return rows.length
}
