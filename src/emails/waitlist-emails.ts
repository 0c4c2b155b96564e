/**
 * The waitlist's emails (job `waitlist-email`, src/jobs/waitlist-email.ts):
 *
 * - `waitlist-joined`: what they asked for and a link to see, change or
 *   leave their place; one per join (or change by joining again).
 * - `waitlist-offer`: the time held for them, its deadline and the link
 *   that books it; not sent once the offer has ended.
 *
 * Each carries a manage link of its own, made as it is composed and stored
 * by the delivery's claim, in the same statement (as the booking emails'
 * links are); earlier links keep working.
 */
import type pg from 'pg'
import { describeDays, describePartsOfDay } from '../domain/waitlist/preferences.js'
import { issueWaitlistToken, waitlistManageUrl } from '../domain/waitlist/links.js'
import { formatDate, formatDateTimeRange, formatTime, timeZoneLabel } from '../domain/time/index.js'
import { findEntry, findOffer, type WaitlistEntryRecord, type WaitlistTokenRecord } from '../repositories/waitlist.js'
import type { ComposedEmail } from './deliver-email.js'
import { waitlistJoined, waitlistOffer } from './messages/waitlist.js'
import { renderEmail } from './render-email.js'

/** A new manage link for the entry: its address, and its row for the delivery's claim to store (deliver-email.ts). */
function newLink(entryId: string, publicUrl: string, now: Date): { url: string; token: WaitlistTokenRecord } {
  const token = issueWaitlistToken(now)
  return { url: waitlistManageUrl(publicUrl, token.token), token: { entryId, tokenHash: token.hash, expiresAt: token.expiresAt, now } }
}

/** "From 1 March 2026 to 30 April 2026", "Any date": the dates as a person reads them. */
export function describeDates(entry: Pick<WaitlistEntryRecord, 'from' | 'to'>): string {
  const day = (date: string) => formatDate(`${date}T12:00:00Z`, 'UTC')
  if (entry.from && entry.to) return `${day(entry.from)} to ${day(entry.to)}`
  if (entry.from) return `From ${day(entry.from)}`
  if (entry.to) return `Until ${day(entry.to)}`
  return 'Any date'
}

/** "9:30pm on Monday 2 March 2026 (UK time)". */
export function describeDeadline(deadline: Date, zone: string): string {
  return `${formatTime(deadline, zone)} on ${formatDate(deadline, zone)} (${timeZoneLabel(zone)})`
}

export async function waitlistJoinedEmail(pool: pg.Pool, payload: { entryId: string; requestId: string }, publicUrl: string, now: Date): Promise<ComposedEmail | undefined> {
  const entry = await findEntry(pool, payload.entryId)
  if (!entry || entry.status !== 'waiting') return undefined
  const link = newLink(entry.id, publicUrl, now)
  return {
    kind: 'waitlist-joined',
    dedupeKey: `waitlist:${entry.id}:joined:${payload.requestId}`,
    to: entry.candidateEmail,
    waitlistToken: link.token,
    ...renderEmail(waitlistJoined, {
      candidateName: entry.candidateName,
      programmeName: entry.programmeName,
      days: describeDays(entry.days),
      partsOfDay: describePartsOfDay(entry.partsOfDay),
      dates: describeDates(entry),
      timeZone: timeZoneLabel(entry.timeZone),
      manageUrl: link.url,
    }),
  }
}

export async function waitlistOfferEmail(pool: pg.Pool, payload: { offerId: string }, publicUrl: string, now: Date): Promise<ComposedEmail | undefined> {
  const offer = await findOffer(pool, payload.offerId)
  if (!offer || offer.status !== 'open' || offer.expiresAt <= now) return undefined
  const entry = await findEntry(pool, offer.entryId)
  if (!entry || entry.status !== 'waiting') return undefined
  const link = newLink(entry.id, publicUrl, now)
  const manageUrl = link.url
  return {
    kind: 'waitlist-offer',
    dedupeKey: `waitlist-offer:${offer.id}`,
    to: entry.candidateEmail,
    waitlistToken: link.token,
    ...renderEmail(waitlistOffer, {
      candidateName: entry.candidateName,
      programmeName: entry.programmeName,
      when: formatDateTimeRange(offer.startsAt, offer.endsAt, entry.timeZone),
      deadline: describeDeadline(offer.expiresAt, entry.timeZone),
      offerUrl: `${manageUrl}/offer`,
      manageUrl,
    }),
  }
}
