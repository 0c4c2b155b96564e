/**
 * Offers: a time that suits someone in line, held for them (a slot hold of
 * the kind waitlist_offer, so nobody else is shown it or can book it) until
 * a deadline, with an email whose link books it in one step.
 *
 * The deadline (offerDeadline): OFFER_HOURS from now, less when the time is
 * near (half the time left before the programme's minimum notice, so the
 * next person still has time too), and never past the minimum notice:
 * after that nobody may book the time anyway.
 *
 * Taking an offer books the held time (the exclusion constraint still
 * guards it), with the details the person gave when they joined; the entry
 * leaves the line. Declining, or letting the deadline pass, ends the hold:
 * the time goes to the next person whose preferences it suits.
 */
import { ConflictError } from '../errors.js'
import { SlotUnavailableError } from '../booking/errors.js'
import { generateManageToken, manageLinkExpiry } from '../booking/manage-link.js'
import { generateBookingReference } from '../booking/reference.js'
import type { BookingDeps, GuardedBookingDeps } from '../booking/service/deps.js'
import { freeCoachesInOrder, inPlacementTransaction, placeWithFirstFreeCoach } from '../booking/service/placement.js'
import { requireProgramme } from '../booking/service/programme.js'
import { generateToken } from '../booking/tokens.js'
import type { BookableProgramme } from '../booking/types.js'
import { AlreadyBookedError } from '../booking/who-may-book.js'
import { MINUTE_MS } from '../slots/zone-time.js'
import { TooManyRequestsError } from '../limits/index.js'
import { insertBooking, insertBookingEvent, lockAndListLiveBookingsOf } from '../../repositories/bookings.js'
import { setInvitationStatus } from '../../repositories/invitations.js'
import { insertManageToken } from '../../repositories/manage-tokens.js'
import { deleteExpiredHolds } from '../../repositories/slot-holds.js'
import {
  closeOffer,
  endEntry,
  findEntry,
  findOfferHold,
  findOpenOffer,
  insertOffer,
  insertOfferHold,
  type WaitlistEntryRecord,
} from '../../repositories/waitlist.js'
import { findEntryConsent, setEntryBooking } from '../../repositories/waitlist-booking.js'
import { WAITLIST_EMAIL_TASK, WAITLIST_MATCH_TASK } from './emails.js'
import { entryIdOfToken } from './manage.js'

export const OFFER_HOURS = 12
/** makeOffer's answer when it could not tell: the time may still be free. */
export const OFFER_CONFLICT = 'conflict'
/** Below this, an offer could not reasonably be taken: the time is not offered. */
export const SHORTEST_OFFER_MINUTES = 15

/** 409 offer_ended: the offer was taken, declined or withdrawn, or its deadline has passed. */
export class OfferEndedError extends ConflictError {
  constructor() {
    super('offer_ended', 'This time is no longer held for you. You are still on the waitlist: we will email you when another time that suits you comes up.')
  }
}

/** When an offer of a time starting at `start` ends, or null when it is too late to offer it. */
export function offerDeadline(start: Date, now: Date, minimumNoticeMinutes: number): Date | null {
  const lastChance = start.getTime() - minimumNoticeMinutes * MINUTE_MS
  const left = lastChance - now.getTime()
  const length = Math.min(OFFER_HOURS * 60 * MINUTE_MS, Math.max(left / 2, Math.min(left, 60 * MINUTE_MS)))
  if (length < SHORTEST_OFFER_MINUTES * MINUTE_MS) return null
  return new Date(now.getTime() + length)
}

/**
 * Offers `start` to this person: holds it with the first free coach, records
 * the offer, and enqueues its email and the matching run at its deadline, all
 * in one transaction. Returns the offer's id, or null when nobody is free
 * then any more, the person has an offer or left meanwhile, or their address
 * has had as many emails as it may today (counted as for bookings);
 * OFFER_CONFLICT when the transaction lost a race with a booking in flight.
 */
export async function makeOffer(
  deps: Omit<GuardedBookingDeps, 'secret'>,
  person: WaitlistEntryRecord,
  start: Date,
): Promise<string | null | typeof OFFER_CONFLICT> {
  const now = deps.clock.now()
  try {
    return await inPlacementTransaction(deps.pool, async (client) => {
      const entry = await findEntry(client, person.id, { lock: true })
      if (entry?.status !== 'waiting' || (await findOpenOffer(client, person.id))) return null
      const programme = await requireProgramme(client, person.programmeId)
      const expiresAt = offerDeadline(start, now, programme.minimumNoticeMinutes)
      if (!expiresAt) return null
      const end = new Date(start.getTime() + programme.durationMinutes * MINUTE_MS)
      const key = generateToken()
      const placement = { programme, start, end, now, holderKeyHash: key.hash }
      const coachIds = await freeCoachesInOrder(client, placement)
      if (coachIds.length === 0) return null
      let holdId: string | null = null
      const coachId = await placeWithFirstFreeCoach(client, coachIds, placement, async (coachId) => {
        await deleteExpiredHolds(client, coachId, now)
        holdId = await insertOfferHold(client, { programmeId: programme.id, coachId, holderKeyHash: key.hash, startsAt: start, endsAt: end, expiresAt, now })
      })
      if (!coachId || !holdId) return null
      // Its email counts against the address's booking emails for the day (DECISIONS.md "The waitlist").
      await deps.limits.take(deps.limits.rules.bookingEmailsPerEmail, `email:${person.candidateEmail}`, {}, client)
      const offerId = await insertOffer(client, { entryId: person.id, programmeId: programme.id, holdId, startsAt: start, endsAt: end, expiresAt, now })
      await deps.jobs.add(WAITLIST_EMAIL_TASK, { email: 'waitlist-offer', offerId }, { client, maxAttempts: 14 })
      // At the deadline: the offer ends and the time goes to the next person (the same job as any change).
      await deps.jobs.add(WAITLIST_MATCH_TASK, { programmeId: programme.id }, { client, runAt: expiresAt, jobKey: `waitlist-offer-deadline:${offerId}` })
      return offerId
    })
  } catch (error) {
    // Over the address's emails for the day: not offered now (the next run may).
    if (error instanceof TooManyRequestsError) return null
    // The tries ran out on a deadlock or serialisation failure with a booking in flight: say so, so the run is tried again.
    if (error instanceof SlotUnavailableError) return OFFER_CONFLICT

    throw error
  }
}

export interface TakenOffer {
  bookingId: string
  /** The new booking's manage link token; shown once. */
  manageToken: string
}

/**
 * Books the held time for the person of this manage link: one transaction,
 * as createBooking does, with the hold's coach first. 409 offer_ended when
 * there is no open offer (or its deadline has passed), 409 already_booked
 * over the programme's live bookings per address, 409 slot_unavailable if
 * the time could not be kept after all.
 */
export async function takeOffer(deps: BookingDeps, token: string): Promise<TakenOffer> {
  const now = deps.clock.now()
  const entryId = await entryIdOfToken(deps.pool, token, now)
  if (!entryId) throw new OfferEndedError()
  return inPlacementTransaction(deps.pool, async (client) => {
    const entry = await findEntry(client, entryId, { lock: true })
    const offer = entry?.status === 'waiting' ? await findOpenOffer(client, entryId, { lock: true }) : null
    const hold = offer?.holdId && offer.expiresAt > now ? await findOfferHold(client, offer.holdId, now) : null
    if (!entry || !offer || !hold) throw new OfferEndedError()
    const programme: BookableProgramme = await requireProgramme(client, entry.programmeId)
    const live = await lockAndListLiveBookingsOf(client, { programmeId: programme.id, email: entry.candidateEmail, now })
    if (live.length >= programme.access.liveBookingsPerEmail) throw new AlreadyBookedError()
    // Marked first, so the trigger that takes people who book another way off the line leaves this one be.
    await endEntry(client, entry.id, 'booked', now)

    const placement = { programme, start: offer.startsAt, end: offer.endsAt, now, holderKeyHash: hold.holderKeyHash, preferredCoachId: hold.coachId }
    // The entry is locked above, so it is there.
    const consent = (await findEntryConsent(client, entry.id))!
    const coachIds = await freeCoachesInOrder(client, placement)
    let bookingId: string | null = null
    const coachId = await placeWithFirstFreeCoach(client, coachIds, placement, async (coachId) => {
      for (let attempt = 0; attempt < 5 && !bookingId; attempt++) {
        bookingId = await insertBooking(client, {
          reference: generateBookingReference(),
          programmeId: programme.id,
          coachId,
          candidateName: entry.candidateName,
          candidateEmail: entry.candidateEmail,
          candidatePhone: entry.candidatePhone,
          contactMethod: entry.contactMethod,
          accessibilityNeeds: entry.accessibilityNeeds,
          candidateTimeZone: entry.timeZone,
          startsAt: offer.startsAt,
          endsAt: offer.endsAt,
          invitationId: entry.invitationId,
          consentNoticeVersion: consent.version,
          consentAcknowledgedAt: consent.at,
          now,
        })
      }
    })
    if (!coachId || !bookingId) throw new SlotUnavailableError()
    const id: string = bookingId
    await insertBookingEvent(client, {
      bookingId: id,
      kind: 'booked',
      actor: 'candidate',
      actorStaffUserId: null,
      occurredAt: now,
      startsAt: offer.startsAt,
      endsAt: offer.endsAt,
      coachId,
      sequence: 0,
    })
    const manage = generateManageToken()
    await insertManageToken(client, { bookingId: id, tokenHash: manage.hash, expiresAt: manageLinkExpiry(offer.endsAt), now })
    await closeOffer(client, offer.id, 'taken', now, id)
    await setEntryBooking(client, entry.id, id)
    if (entry.invitationId) await setInvitationStatus(client, entry.invitationId, 'booked', now)
    await deps.notifier.bookingChanged(client, { kind: 'booked', bookingId: id, start: offer.startsAt, end: offer.endsAt, sequence: 0 })
    return { bookingId: id, manageToken: manage.token }
  })
}

/** The person says no to the time: it goes to the next person; they keep their place for other times. */
export async function declineOffer(deps: BookingDeps, token: string): Promise<void> {
  const now = deps.clock.now()
  const entryId = await entryIdOfToken(deps.pool, token, now)
  if (!entryId) throw new OfferEndedError()
  await inPlacementTransaction(deps.pool, async (client) => {
    const offer = await findOpenOffer(client, entryId, { lock: true })
    if (!offer || offer.expiresAt <= now) throw new OfferEndedError()
    await closeOffer(client, offer.id, 'declined', now)
  })
}
