/** Conversation notes, their addenda, and conversation outcomes. */
import type { NoteValues } from '../domain/conversation-models/index.js'
import type {
  Addendum,
  ConversationOutcome,
  NoteVisibility,
  RecordedOutcome,
  StaffRef,
  StoredNotes,
} from '../domain/notes/types.js'
import type { NoShowReason } from '../domain/notes/outcome-rules.js'
import type { Queryable } from './db.js'
import type { Booking, ConversationNotes, ConversationOutcome as OutcomeTable, Programme } from './rows.js'
import { VIDEO_LINK_SQL } from './video-links.js'

/** The notes with each member of staff as an id and a name (null when there is none). */
interface NotesRow extends Omit<StoredNotes, 'updatedBy' | 'completedBy'> {
  updatedById: string | null
  updatedByName: string | null
  completedById: string | null
  completedByName: string | null
}

const ref = (id: string | null, name: string | null): StaffRef | null => (id !== null ? { id, name: name ?? '' } : null)

function toNotes({ updatedById, updatedByName, completedById, completedByName, ...notes }: NotesRow): StoredNotes {
  return { ...notes, updatedBy: ref(updatedById, updatedByName), completedBy: ref(completedById, completedByName) }
}

/** The notes of a booking, or null when none were saved. `lock` holds the row until the transaction ends. */
export async function findNotes(db: Queryable, bookingId: string, { lock = false } = {}): Promise<StoredNotes | null> {
  const { rows } = await db.query<NotesRow>(
    `SELECT n.booking_id AS "bookingId", n.model_key AS "modelKey", n.model_version AS "modelVersion",
            n.note_values AS "values", n.no_actions_agreed AS "noActionsAgreed", n.status, n.version,
            n.created_at AS "createdAt", n.updated_at AS "updatedAt",
            n.updated_by_id AS "updatedById", u.name AS "updatedByName",
            n.completed_at AS "completedAt", n.completed_by_id AS "completedById", c.name AS "completedByName"
       FROM conversation_notes n
       LEFT JOIN staff_users u ON u.id = n.updated_by_id
       LEFT JOIN staff_users c ON c.id = n.completed_by_id
      WHERE n.booking_id = $1
      ${lock ? 'FOR UPDATE OF n' : ''}`,
    [bookingId],
  )
  return rows[0] ? toNotes(rows[0]) : null
}

interface NotesWrite {
  bookingId: string
  modelKey: string
  modelVersion: number
  values: NoteValues
  noActionsAgreed: boolean
  staffUserId: string
  now: Date
}

/** The first save: version 1. */
export async function insertNotes(db: Queryable, notes: NotesWrite): Promise<void> {
  await db.query(
    `INSERT INTO conversation_notes (booking_id, model_key, model_version, note_values, no_actions_agreed, status, version,
                                     created_at, updated_at, updated_by_id)
     VALUES ($1, $2, $3, $4, $5, 'draft', 1, $6, $6, $7)`,
    [notes.bookingId, notes.modelKey, notes.modelVersion, JSON.stringify(notes.values), notes.noActionsAgreed, notes.now, notes.staffUserId],
  )
}

/** A later save of a draft: the version goes up by one. Only when the row is still at `expectedVersion`; true when it was. */
export async function updateDraftNotes(
  db: Queryable,
  notes: Omit<NotesWrite, 'modelKey' | 'modelVersion'> & { expectedVersion: number },
): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE conversation_notes
        SET note_values = $2, no_actions_agreed = $3, version = version + 1, updated_at = $4, updated_by_id = $5
      WHERE booking_id = $1 AND version = $6 AND status = 'draft'`,
    [notes.bookingId, JSON.stringify(notes.values), notes.noActionsAgreed, notes.now, notes.staffUserId, notes.expectedVersion],
  )
  return rowCount === 1
}

/** Locks the notes: complete, with who and when; the version goes up by one. */
export async function markNotesComplete(db: Queryable, bookingId: string, staffUserId: string, now: Date): Promise<void> {
  await db.query(
    `UPDATE conversation_notes
        SET status = 'complete', completed_at = $2, completed_by_id = $3, version = version + 1,
            updated_at = $2, updated_by_id = $3
      WHERE booking_id = $1 AND status = 'draft'`,
    [bookingId, now, staffUserId],
  )
}

interface AddendumRow extends Omit<Addendum, 'author'> {
  authorId: string | null
  authorName: string | null
}

/** Oldest first. */
export async function listAddenda(db: Queryable, bookingId: string): Promise<Addendum[]> {
  const { rows } = await db.query<AddendumRow>(
    `SELECT a.id, a.booking_id AS "bookingId", a.visibility, a.text, a.created_at AS "createdAt",
            a.author_id AS "authorId", s.name AS "authorName"
       FROM conversation_note_addenda a LEFT JOIN staff_users s ON s.id = a.author_id
      WHERE a.booking_id = $1
      ORDER BY a.created_at, a.id`,
    [bookingId],
  )
  return rows.map(({ authorId, authorName, ...addendum }) => ({ ...addendum, author: ref(authorId, authorName) }))
}

export async function insertAddendum(
  db: Queryable,
  addendum: { bookingId: string; authorId: string; visibility: NoteVisibility; text: string; now: Date },
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO conversation_note_addenda (booking_id, author_id, visibility, text, created_at)
     VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [addendum.bookingId, addendum.authorId, addendum.visibility, addendum.text, addendum.now],
  )
  return rows[0]!.id
}

export async function findOutcome(db: Queryable, bookingId: string): Promise<RecordedOutcome | null> {
  const { rows } = await db.query<{
    outcome: ConversationOutcome
    recordedAt: Date
    recordedById: string | null
    name: string | null
    noShowReason: NoShowReason | null
    firstRecordedAt: Date
  }>(
    `SELECT o.outcome, o.recorded_at AS "recordedAt", o.recorded_by_id AS "recordedById", s.name,
            o.no_show_reason AS "noShowReason", o.first_recorded_at AS "firstRecordedAt"
       FROM conversation_outcomes o LEFT JOIN staff_users s ON s.id = o.recorded_by_id
      WHERE o.booking_id = $1`,
    [bookingId],
  )
  const row = rows[0]
  return row
    ? { outcome: row.outcome, recordedAt: row.recordedAt, recordedBy: ref(row.recordedById, row.name), noShowReason: row.noShowReason, firstRecordedAt: row.firstRecordedAt }
    : null
}

/** Records the outcome (or corrects it): the first recording's time stays as first_recorded_at. */
export async function saveOutcome(
  db: Queryable,
  outcome: { bookingId: string; outcome: ConversationOutcome; staffUserId: string; now: Date; noShowReason?: NoShowReason | null },
): Promise<void> {
  await db.query(
    `INSERT INTO conversation_outcomes (booking_id, outcome, recorded_at, recorded_by_id, no_show_reason, first_recorded_at) VALUES ($1, $2, $3, $4, $5, $3)
     ON CONFLICT (booking_id) DO UPDATE
        SET outcome = EXCLUDED.outcome, recorded_at = EXCLUDED.recorded_at, recorded_by_id = EXCLUDED.recorded_by_id,
            no_show_reason = EXCLUDED.no_show_reason`,
    [outcome.bookingId, outcome.outcome, outcome.now, outcome.staffUserId, outcome.outcome === 'no_show' ? (outcome.noShowReason ?? null) : null],
  )
}

/**
 * The booking's status after an outcome: held → completed, no-show → no_show,
 * cancelled late → cancelled (by the candidate, with the reason "Cancelled late").
 * Never back to booked. The calendar sequence does not change (no calendar update is sent).
 */
export async function setBookingOutcomeStatus(
  db: Queryable,
  bookingId: string,
  outcome: ConversationOutcome,
  now: Date,
): Promise<void> {
  if (outcome === 'cancelled_late') {
    await db.query(
      `UPDATE bookings
          SET status = 'cancelled', cancelled_at = COALESCE(cancelled_at, $2), cancelled_by = COALESCE(cancelled_by, 'candidate'),
              cancellation_reason = COALESCE(cancellation_reason, 'Cancelled late'), updated_at = $2
        WHERE id = $1`,
      [bookingId, now],
    )
    return
  }
  await db.query(
    `UPDATE bookings
        SET status = $2, cancelled_at = NULL, cancelled_by = NULL, cancellation_reason = NULL, updated_at = $3
      WHERE id = $1`,
    [bookingId, outcome === 'held' ? 'completed' : 'no_show', now],
  )
}

/** A booking with what the coach has recorded of it: the notes' status, the outcome, the preparation (each null when there is none). */
export type CoachConversationRow = Pick<
  Booking,
  'reference' | 'status' | 'startsAt' | 'endsAt' | 'candidateName' | 'candidatePhone' | 'contactMethod' | 'accessibilityNeeds'
> & {
  bookingId: Booking['id']
  /** The link the candidate has to join (the conversation's own, else the coach's); null for a phone call or none yet. */
  videoLink: string | null
  programmeName: Programme['name']
  modelKey: Programme['conversationModelKey']
  notesStatus: ConversationNotes['status'] | null
  outcome: OutcomeTable['outcome'] | null
  noShowReason: OutcomeTable['noShowReason']
  outcomeFirstRecordedAt: OutcomeTable['firstRecordedAt'] | null
  /** JSON in the schema: the preparation's answers by question. */
  preparationAnswers: Record<string, string> | null
}

/**
 * A coach's conversations from `from` on (live, completed and no-show; a
 * cancellation only when its coach recorded it as cancelled late), soonest
 * first, with their notes status, outcome and preparation answers.
 */
export async function listCoachConversations(
  db: Queryable,
  coachId: string,
  range: { from: Date; to: Date },
): Promise<CoachConversationRow[]> {
  const { rows } = await db.query<CoachConversationRow>(
    `SELECT b.id AS "bookingId", b.reference, b.status, b.starts_at AS "startsAt", b.ends_at AS "endsAt",
            b.candidate_name AS "candidateName", b.candidate_phone AS "candidatePhone",
            b.contact_method AS "contactMethod", ${VIDEO_LINK_SQL} AS "videoLink",
            b.accessibility_needs AS "accessibilityNeeds",
            p.name AS "programmeName", p.conversation_model_key AS "modelKey",
            n.status AS "notesStatus", o.outcome, o.no_show_reason AS "noShowReason", o.first_recorded_at AS "outcomeFirstRecordedAt",
            bp.answers AS "preparationAnswers"
       FROM bookings b
       JOIN coaches c ON c.id = b.coach_id
       JOIN programmes p ON p.id = b.programme_id
       LEFT JOIN conversation_notes n ON n.booking_id = b.id
       LEFT JOIN conversation_outcomes o ON o.booking_id = b.id
       LEFT JOIN booking_preparations bp ON bp.booking_id = b.id
      WHERE b.coach_id = $1 AND b.starts_at >= $2 AND b.starts_at < $3
        AND (b.status <> 'cancelled' OR o.outcome IS NOT NULL)
      ORDER BY b.starts_at, b.id`,
    [coachId, range.from, range.to],
  )
  return rows
}

/** How many of a coach's conversations that were held (or have started) have notes that are not complete. */
export async function countNotesToFinish(db: Queryable, coachId: string, now: Date): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n
       FROM bookings b
       LEFT JOIN conversation_notes n ON n.booking_id = b.id
      WHERE b.coach_id = $1 AND b.starts_at <= $2
        AND b.status IN ('booked', 'completed')
        AND (n.status IS NULL OR n.status = 'draft')`,
    [coachId, now],
  )
  return rows[0]?.n ?? 0
}

/** The coach's own time zone (Europe/London when unknown). */
export async function findCoachTimeZone(db: Queryable, coachId: string): Promise<string> {
  const { rows } = await db.query<{ timeZone: string }>('SELECT time_zone AS "timeZone" FROM coaches WHERE id = $1', [coachId])
  return rows[0]?.timeZone ?? 'Europe/London'
}
