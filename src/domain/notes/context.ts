/**
 * What the notes and actions services need from the app, who is asking, and
 * the access rules they share:
 * - the booking's own coach reads and writes its notes and actions;
 * - any admin reads them (and may update an action's status after completion);
 * - the candidate (manage link) reads only their summary and updates their actions' status;
 * - anyone else gets the booking's 404 (see openBooking).
 * Every read of notes by staff and every change is written to the audit log.
 */
import type pg from 'pg'
import { candidateActor, staffActor, type AuditDetails, type AuditResult } from '../audit/events.js'
import { openBooking, type BookingCredentials } from '../booking/service/index.js'
import type { Booking, BookingViewer, StaffPrincipal } from '../booking/types.js'
import { ForbiddenError } from '../errors.js'
import type { DomainDeps } from '../ports/index.js'
import type { Queryable } from '../../repositories/db.js'
import { NotTheCoachError } from './errors.js'

export interface NotesDeps extends Pick<DomainDeps, 'pool' | 'clock' | 'audit' | 'notifier'> {
  jobs: Pick<DomainDeps['jobs'], 'add' | 'addMany' | 'remove'>
}

/** Who is asking (manage token and/or staff session), and where from, for the audit log. */
export interface NotesRequest {
  credentials: BookingCredentials
  ip?: string | null
  requestId?: string | null
}

export async function openForStaff(
  db: Queryable,
  bookingId: string,
  request: NotesRequest,
  now: Date,
  { lock = false } = {},
): Promise<{ booking: Booking; staff: StaffPrincipal }> {
  const { booking, viewer } = await openBooking(db, bookingId, request.credentials, now, { lock })
  if (viewer.kind !== 'staff') throw new ForbiddenError('Conversation notes are for coaches. Your summary is on your booking page.')
  return { booking, staff: viewer.staff }
}

/** The booking's own coach only: an admin (not its coach) gets 403, another coach the booking's 404. */
export async function openForCoach(
  db: Queryable,
  bookingId: string,
  request: NotesRequest,
  now: Date,
  { lock = false } = {},
): Promise<{ booking: Booking; staff: StaffPrincipal }> {
  const opened = await openForStaff(db, bookingId, request, now, { lock })
  if (opened.staff.coachId === null || opened.staff.coachId !== opened.booking.coachId) throw new NotTheCoachError()
  return opened
}

export async function openForAnyone(
  db: Queryable,
  bookingId: string,
  request: NotesRequest,
  now: Date,
  { lock = false } = {},
): Promise<{ booking: Booking; viewer: BookingViewer }> {
  return openBooking(db, bookingId, request.credentials, now, { lock })
}

/** Writes an audit entry about a booking's notes or actions, inside `client`'s transaction when given. */
export async function audit(
  deps: Pick<NotesDeps, 'audit'>,
  request: NotesRequest,
  viewer: BookingViewer,
  entry: { action: string; bookingId: string; result?: AuditResult; details?: AuditDetails },
  client?: pg.ClientBase,
): Promise<void> {
  await deps.audit.record(
    {
      actor: viewer.kind === 'staff' ? staffActor(viewer.staff.userId) : candidateActor(entry.bookingId),
      action: entry.action,
      subjectType: 'booking',
      subjectId: entry.bookingId,
      result: entry.result ?? 'success',
      ip: request.ip ?? null,
      requestId: request.requestId ?? null,
      details: entry.details ?? {},
    },
    client ? { client } : {},
  )
}

export const staffViewer = (staff: StaffPrincipal): BookingViewer => ({ kind: 'staff', staff })

/** Audit actions for notes and actions. */
export const NotesAuditActions = {
  read: 'notes.read',
  saved: 'notes.saved',
  saveRefused: 'notes.save_refused',
  completed: 'notes.completed',
  addendumAdded: 'notes.addendum_added',
  summaryRead: 'notes.summary_read',
  outcomeRecorded: 'conversation.outcome_recorded',
  outcomeCorrected: 'conversation.outcome_corrected',
  actionCreated: 'actions.created',
  actionUpdated: 'actions.updated',
  actionDeleted: 'actions.deleted',
  actionStatusChanged: 'actions.status_changed',
} as const
