import type pg from 'pg'
import {
  findSubjectIds,
  isStaffEmail,
  loadActionChanges,
  loadActions,
  loadAddenda,
  loadAuditEntries,
  loadBookingEvents,
  loadBookings,
  loadDeliveries,
  loadFeedback,
  loadFollowUps,
  loadIdempotencyAnswers,
  loadInvitations,
  loadManageLinks,
  loadNotes,
  loadOutcomes,
  loadPreparations,
  loadQueuedJobs,
  subjectIdentifiers,
  type ActionChangeRecord,
  type ActionRecord,
  type AddendumRecord,
  type AuditRecord,
  type BookingEventRecord,
  type BookingRecord,
  type DeliveryRecord,
  type FeedbackRecord,
  type FollowUpRecord,
  type IdempotencyRecord,
  type InvitationRecord,
  type ManageLinkRecord,
  type NotesRecord,
  type OutcomeRecord,
  type PreparationRecord,
  type QueuedJobRecord,
  type SubjectIds,
} from '../../repositories/data-protection.js'
import type { Queryable } from '../../repositories/db.js'
import type { AuditLog } from '../audit/events.js'
import type { Clock } from '../clock.js'
import { findOutboxCopies, type OutboxCopy } from './outbox.js'
import { subjectKey } from './subject.js'
import { loadWaitlistForSubject, type WaitlistSubjectRecord } from '../../repositories/waitlist.js'

/** What the data protection services need from the app. */
export interface DataProtectionDeps {
  pool: pg.Pool
  clock: Clock
  audit: AuditLog
  /** Keys the HMAC that stands for an address in the audit log (SESSION_SECRET). */
  secret: string
  /** The local outbox, when there is no SMTP server. */
  outboxDir?: string
}

/** Everything held about one person, found by email address. */
export interface SubjectRecords {
  email: string
  /** What the audit log records instead of the address. */
  subjectKey: string
  /** A staff account has this address (staff accounts are not part of a candidate's records). */
  isStaff: boolean
  ids: SubjectIds
  /** Their other addresses, names, phone numbers and booking references, as found in their records. */
  identifiers: { emails: string[]; names: string[]; phones: string[]; references: string[] }
  bookings: BookingRecord[]
  events: BookingEventRecord[]
  manageLinks: ManageLinkRecord[]
  preparations: PreparationRecord[]
  notes: NotesRecord[]
  addenda: AddendumRecord[]
  outcomes: OutcomeRecord[]
  /** The candidate's feedback and what they said they had done since. */
  feedback: FeedbackRecord[]
  followUps: FollowUpRecord[]
  actions: ActionRecord[]
  actionChanges: ActionChangeRecord[]
  invitations: InvitationRecord[]
  deliveries: DeliveryRecord[]
  queuedJobs: QueuedJobRecord[]
  idempotencyAnswers: IdempotencyRecord[]
  outbox: OutboxCopy[]
  auditEntries: AuditRecord[]
  /** Their places on waitlists and the times offered to them. */
  waitlist: WaitlistSubjectRecord[]
}

/** Reads everything held about `email` (normalised), on `db` (a transaction's client to lock the records). */
export async function collectSubjectRecords(
  deps: Pick<DataProtectionDeps, 'clock' | 'secret' | 'outboxDir'>,
  db: Queryable,
  email: string,
  { lock = false } = {},
): Promise<SubjectRecords> {
  const ids = await findSubjectIds(db, email, { lock })
  const identifiers = await subjectIdentifiers(db, ids)
  const emails = [...new Set([email, ...identifiers.emails])]
  identifiers.emails = emails
  const bookings = await loadBookings(db, ids.bookingIds)
  const actions = await loadActions(db, ids.bookingIds)
  const deliveries = await loadDeliveries(db, ids, emails)
  const key = subjectKey(email, deps.secret)
  return {
    email,
    subjectKey: key,
    isStaff: await isStaffEmail(db, email),
    ids,
    identifiers,
    bookings,
    events: await loadBookingEvents(db, ids.bookingIds),
    manageLinks: await loadManageLinks(db, ids.bookingIds),
    preparations: await loadPreparations(db, ids.bookingIds),
    notes: await loadNotes(db, ids.bookingIds),
    addenda: await loadAddenda(db, ids.bookingIds),
    outcomes: await loadOutcomes(db, ids.bookingIds),
    feedback: await loadFeedback(db, ids.bookingIds),
    followUps: await loadFollowUps(db, ids.bookingIds),
    actions,
    actionChanges: await loadActionChanges(db, actions.map((action) => action.id)),
    invitations: await loadInvitations(db, ids.invitationIds, deps.clock.now()),
    deliveries,
    queuedJobs: await loadQueuedJobs(db, ids, emails),
    idempotencyAnswers: await loadIdempotencyAnswers(db, ids, emails),
    outbox: await findOutboxCopies(deps.outboxDir, {
      messageIds: deliveries.map((delivery) => delivery.messageId),
      needles: [...emails, ...identifiers.names, ...identifiers.phones, ...identifiers.references],
    }),
    waitlist: await loadWaitlistForSubject(db, emails, ids.invitationIds, { lock }),
    auditEntries: await loadAuditEntries(db, {
      bookingIds: ids.bookingIds,
      invitationIds: ids.invitationIds,
      deliveryIds: deliveries.map((delivery) => delivery.id),
      subjectKey: key,
    }),
  }
}

/** How much is held, for the confirmation before erasing and the audit entry after. */
export function countRecords(records: SubjectRecords) {
  return {
    bookings: records.bookings.length,
    bookingHistory: records.events.length,
    preparationAnswers: records.preparations.length,
    notes: records.notes.length + records.addenda.length,
    feedbackAndFollowUps: records.feedback.length + records.followUps.length,
    actions: records.actions.length,
    invitations: records.invitations.length,
    emailDeliveries: records.deliveries.length,
    queuedJobs: records.queuedJobs.length,
    idempotencyAnswers: records.idempotencyAnswers.length,
    outboxFiles: records.outbox.length,
    auditEntries: records.auditEntries.length,
    waitlistEntries: records.waitlist.length,
  }
}

/** True when nothing is held (the audit entries about them aside). */
export function holdsNothing(records: SubjectRecords): boolean {
  const { auditEntries: _audit, ...counts } = countRecords(records)
  return Object.values(counts).every((n) => n === 0)
}
