/**
 * Emails after a conversation: the candidate's summary (when the coach
 * completes the notes), the check-in on their actions four weeks later, and
 * the weekly digest of overdue actions for the programme team. Each is
 * composed when it is sent, from the notes and actions as they are then.
 */
import { DateTime } from 'luxon'
import type pg from 'pg'
import { manageUrl } from '../domain/booking/manage-link.js'
import { firstNameOf } from '../domain/booking/rules.js'
import { generateToken } from '../domain/booking/tokens.js'
import {
  OPEN_ACTION_STATUSES,
  actionCategoryLabels,
  actionOwnerLabels,
  actionStatusLabels,
  type ActionCategory,
} from '../domain/actions/types.js'
import { getConversationModel } from '../domain/conversation-models/index.js'
import { buildCandidateSummary, type SummaryEntry } from '../domain/notes/summary.js'
import { followUpLinkExpiry } from '../domain/notes/follow-up-links.js'
import { formatDate } from '../domain/time/index.js'
import { listActions, type OverdueActionRow } from '../repositories/actions.js'
import type { ManageTokenRecord } from '../repositories/manage-tokens.js'
import { findNotes, listAddenda } from '../repositories/notes.js'
import type { BookingForEmail } from './booking-emails.js'
import type { ComposedEmail } from './deliver-email.js'
import { actionCheckIn } from './messages/action-check-in.js'
import { conversationSummary, type SummaryEmailEntry } from './messages/conversation-summary.js'
import { overdueActionsDigest } from './messages/overdue-actions-digest.js'
import { renderEmail, type RenderedEmail } from './render-email.js'

/** A calendar date (YYYY-MM-DD) as "Friday 27 March 2026". */
export function formatCalendarDate(date: string): string {
  return DateTime.fromISO(date, { zone: 'UTC' }).setLocale('en-GB').toFormat('cccc d LLLL yyyy')
}

/**
 * A manage link for this booking that works long enough to follow up the
 * actions (see follow-up-links.ts). Only its hash is stored, by the email's
 * delivery claim (`manageToken`, deliver-email.ts), before the email goes.
 */
export function followUpLinkFor(booking: Pick<BookingForEmail, 'id' | 'end'>, publicUrl: string, now: Date): { url: string; token: ManageTokenRecord } {
  const { token, hash } = generateToken()
  return { url: manageUrl(publicUrl, token), token: { bookingId: booking.id, tokenHash: hash, expiresAt: followUpLinkExpiry(booking.end, now), now } }
}

/** An email to the candidate about their booking that carries a follow-up link (stored by the delivery's claim). */
export function emailWithFollowUpLink(
  booking: Pick<BookingForEmail, 'id' | 'candidate'>,
  kind: string,
  dedupeKey: string,
  link: { token: ManageTokenRecord },
  rendered: RenderedEmail,
): ComposedEmail {
  return { kind, dedupeKey, bookingId: booking.id, to: booking.candidate.email, manageToken: link.token, ...rendered }
}

function emailEntry(entry: SummaryEntry): SummaryEmailEntry {
  if (entry.items) return { label: entry.label, items: entry.items }
  if (entry.options) {
    return {
      label: entry.label,
      items: entry.options.map((option) =>
        `${option.role}: ${option.timingLabel.toLowerCase()}, ${option.realismLabel.toLowerCase()}${option.notes ? `. ${option.notes}` : ''}`,
      ),
    }
  }
  if (entry.developmentNeeds) {
    return { label: entry.label, items: entry.developmentNeeds.map((need) => (need.isFocus ? `${need.need} (the one to focus on first)` : need.need)) }
  }
  return { label: entry.label, text: entry.text ?? '' }
}

/** The summary of a completed conversation; undefined when the notes are not complete (nothing to send). */
export async function conversationSummaryEmail(pool: pg.Pool, booking: BookingForEmail, publicUrl: string, now: Date): Promise<ComposedEmail | undefined> {
  const notes = await findNotes(pool, booking.id)
  if (notes?.status !== 'complete') return undefined
  const model = getConversationModel(notes.modelKey, notes.modelVersion)
  if (!model) throw new Error(`Unknown conversation model ${notes.modelKey} v${notes.modelVersion}`)
  const [addenda, actions] = await Promise.all([listAddenda(pool, booking.id), listActions(pool, booking.id)])
  const summary = buildCandidateSummary({ model, values: notes.values, noActionsAgreed: notes.noActionsAgreed, addenda, actions })
  const zone = booking.candidate.timeZone
  const link = followUpLinkFor(booking, publicUrl, now)
  const rendered = renderEmail(conversationSummary, {
    candidateName: booking.candidate.name,
    coachFirstName: firstNameOf(booking.coach.name),
    conversationDate: formatDate(booking.start, zone),
    stages: summary.stages.map((stage) => ({ title: stage.title, entries: stage.entries.map(emailEntry) })),
    addenda: summary.addenda.map((addendum) => ({ dateText: formatDate(addendum.createdAt, zone), text: addendum.text })),
    actions: summary.actions.map((action) => ({
      summary: action.summary,
      ownerLabel: action.ownerLabel,
      dueText: formatCalendarDate(action.dueOn),
      categoryLabel: action.categoryLabel,
      statusLabel: action.statusLabel,
      resource: action.resource ? { title: action.resource.title, url: action.resource.url } : null,
    })),
    noActionsAgreed: summary.noActionsAgreed,
    summaryUrl: `${link.url}#summary`,
  })
  return emailWithFollowUpLink(booking, 'conversation-summary', `booking:${booking.id}:conversation-summary`, link, rendered)
}

/** The check-in four weeks on; undefined when nothing is left to ask about (notes not complete, or every action done or no longer relevant). */
export async function actionCheckInEmail(pool: pg.Pool, booking: BookingForEmail, publicUrl: string, now: Date): Promise<ComposedEmail | undefined> {
  const notes = await findNotes(pool, booking.id)
  if (notes?.status !== 'complete') return undefined
  const open = (await listActions(pool, booking.id)).filter((action) => OPEN_ACTION_STATUSES.includes(action.status))
  if (open.length === 0) return undefined
  const link = followUpLinkFor(booking, publicUrl, now)
  const rendered = renderEmail(actionCheckIn, {
    candidateName: booking.candidate.name,
    coachFirstName: firstNameOf(booking.coach.name),
    conversationDate: formatDate(booking.start, booking.candidate.timeZone),
    actions: open.map((action) => ({ summary: action.summary, dueText: formatCalendarDate(action.dueOn), statusLabel: actionStatusLabels[action.status] })),
    updateUrl: `${link.url}#summary`,
  })
  return emailWithFollowUpLink(booking, 'action-check-in', `booking:${booking.id}:action-check-in`, link, rendered)
}

interface DigestRecipient {
  staffUserId: string
  name: string
  email: string
}

/** The week's digest for one member of the programme team; undefined when nothing is overdue. */
export function overdueActionsDigestEmail(
  recipient: DigestRecipient,
  overdue: readonly OverdueActionRow[],
  today: string,
  publicUrl: string,
): ComposedEmail | undefined {
  if (overdue.length === 0) return undefined
  const byCoach = new Map<string, OverdueActionRow[]>()
  for (const row of overdue) byCoach.set(row.coachName, [...(byCoach.get(row.coachName) ?? []), row])
  const categories = new Map<ActionCategory, number>()
  for (const row of overdue) categories.set(row.category, (categories.get(row.category) ?? 0) + 1)
  const rendered = renderEmail(overdueActionsDigest, {
    adminFirstName: firstNameOf(recipient.name),
    dateText: formatCalendarDate(today),
    countText: overdue.length === 1 ? '1 overdue action' : `${overdue.length} overdue actions`,
    byCoach: [...byCoach].map(([coachName, rows]) => ({
      coachName,
      actions: rows.map((row) => ({
        reference: row.reference,
        summary: row.summary,
        ownerLabel: actionOwnerLabels[row.owner],
        dueText: formatCalendarDate(row.dueOn),
        statusLabel: actionStatusLabels[row.status],
        categoryLabel: actionCategoryLabels[row.category],
      })),
    })),
    byCategory: [...categories].sort((a, b) => b[1] - a[1]).map(([category, count]) => ({ label: actionCategoryLabels[category], count })),
    reviewUrl: `${publicUrl.replace(/\/$/, '')}/admin`,
  })
  return {
    kind: 'overdue-actions-digest',
    dedupeKey: `staff:${recipient.staffUserId}:overdue-actions:${today}`,
    to: recipient.email,
    ...rendered,
  }
}
