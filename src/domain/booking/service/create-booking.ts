/**
 * Booking a conversation: one transaction that claims the Idempotency-Key,
 * finds a free coach (placement.ts), writes the booking, its first history
 * row and its manage link, ends the candidate's hold, marks their invitation
 * booked and enqueues the emails. All of it commits together or not at all.
 */
import { enqueueBookingNotifications } from '../../../emails/booking-notifications.js'
import { ValidationError } from '../../errors.js'
import { MINUTE_MS } from '../../slots/zone-time.js'
import { IdempotencyKeyReusedError, SlotUnavailableError } from '../errors.js'
import { IDEMPOTENCY_KEY_HOURS, requestFingerprint } from '../idempotency.js'
import { generateManageToken, manageLinkExpiry } from '../manage-link.js'
import { generateBookingReference } from '../reference.js'
import type { BookingRequestInput } from '../rules.js'
import { CONSENT_NOTICE_VERSION, checkBookingRequest } from '../rules.js'
import { hashToken, looksLikeToken } from '../tokens.js'
import type { Booking, ProgrammeSettings } from '../types.js'
import { invitationLinkProblem } from './candidate-links.js'
import type { BookingDeps } from './deps.js'
import { freeCoachHint, freeCoachesInOrder, inPlacementTransaction, placeWithFirstFreeCoach } from './placement.js'
import { requireProgramme } from './programme.js'
import { findBooking, insertBooking, insertBookingEvent } from '../../../repositories/bookings.js'
import type { Queryable } from '../../../repositories/db.js'
import { claimIdempotencyKey, storeIdempotentAnswer } from '../../../repositories/idempotency-keys.js'
import type { InvitationRecord } from '../../../repositories/invitations.js'
import { findInvitationByTokenHash, setInvitationStatus } from '../../../repositories/invitations.js'
import { insertManageToken } from '../../../repositories/manage-tokens.js'
import { findHold, releaseHold } from '../../../repositories/slot-holds.js'

export interface CreateBookingCommand extends BookingRequestInput {
  /** Programme id or slug. */
  programme: string
  /** The token of the candidate's personal booking link, when they were invited. */
  invitation?: string | null
  /** The key of the candidate's slot hold, when they hold this time. */
  holdKey?: string | null
  /** The client's Idempotency-Key, if it sent one. */
  idempotencyKey?: string | null
}

export interface CreatedBooking {
  booking: Booking
  /** For the manage link; shown once, stored only as a hash. */
  manageToken: string
  /** True when this answers a repeat of an earlier request with the same Idempotency-Key. */
  replayed: boolean
}

export const IDEMPOTENCY_SCOPE_CREATE_BOOKING = 'POST /api/v1/bookings'

export const INVITATION_MESSAGES = {
  invalid: 'This invitation link is not valid. Book without it, or ask the programme team for a new one.',
  expired: 'This invitation has expired. Ask the programme team for a new one.',
  used: 'This invitation has already been used to book a conversation. Use the link in your confirmation email to change it.',
} as const

const REFERENCE_ATTEMPTS = 5

export async function createBooking(deps: BookingDeps, command: CreateBookingCommand): Promise<CreatedBooking> {
  const request = checkBookingRequest(command)
  const formatProblems = [
    ...(command.holdKey && !looksLikeToken(command.holdKey) ? [{ field: 'holdKey', message: 'This hold is not valid' }] : []),
    ...(command.invitation && !looksLikeToken(command.invitation) ? [{ field: 'invitation', message: INVITATION_MESSAGES.invalid }] : []),
  ]
  if (formatProblems.length > 0) throw new ValidationError(formatProblems)
  const holderKeyHash = command.holdKey ? hashToken(command.holdKey) : null
  const now = deps.clock.now()
  const hint = await freeCoachHint(deps, command.programme, request.start, now)

  return inPlacementTransaction(deps.pool, async (client) => {
    const idempotency = command.idempotencyKey
      ? {
          scope: IDEMPOTENCY_SCOPE_CREATE_BOOKING,
          key: command.idempotencyKey,
          requestFingerprint: requestFingerprint({ ...command, idempotencyKey: undefined }),
        }
      : null
    if (idempotency) {
      const stored = await claimIdempotencyKey(client, {
        ...idempotency,
        now,
        expiresAt: new Date(now.getTime() + IDEMPOTENCY_KEY_HOURS * 60 * MINUTE_MS),
      })
      if (stored) {
        if (stored.requestFingerprint !== idempotency.requestFingerprint) throw new IdempotencyKeyReusedError()
        return replay(client, stored.responseBody, now)
      }
    }

    const programme = await requireProgramme(client, command.programme)
    const invitation = command.invitation ? await requireInvitation(client, command.invitation, programme, now) : null
    const start = request.start
    const end = new Date(start.getTime() + programme.durationMinutes * MINUTE_MS)
    const hold = holderKeyHash ? await findHold(client, holderKeyHash, now) : null
    const placement = {
      programme,
      start,
      end,
      now,
      holderKeyHash,
      preferredCoachId: hold && hold.programmeId === programme.id && hold.startsAt.getTime() === start.getTime() ? hold.coachId : null,
    }

    const coachIds = await freeCoachesInOrder(client, placement, hint)
    if (coachIds.length === 0) throw new SlotUnavailableError()
    let bookingId: string | null = null
    const coachId = await placeWithFirstFreeCoach(client, coachIds, placement, async (coachId) => {
      bookingId = await insertWithFreshReference(client, () => ({
        reference: generateBookingReference(),
        programmeId: programme.id,
        coachId,
        candidateName: request.candidate.name,
        candidateEmail: request.candidate.email,
        candidatePhone: request.candidate.phone,
        contactMethod: request.contactMethod,
        accessibilityNeeds: request.accessibilityNeeds,
        candidateTimeZone: request.timeZone,
        startsAt: start,
        endsAt: end,
        invitationId: invitation?.id ?? null,
        consentNoticeVersion: CONSENT_NOTICE_VERSION,
        consentAcknowledgedAt: now,
        now,
      }))
    })
    if (!coachId || !bookingId) throw new SlotUnavailableError()
    const id: string = bookingId

    await insertBookingEvent(client, {
      bookingId: id,
      kind: 'booked',
      actor: 'candidate',
      actorStaffUserId: null,
      occurredAt: now,
      startsAt: start,
      endsAt: end,
      coachId,
      sequence: 0,
    })
    const manage = generateManageToken()
    await insertManageToken(client, { bookingId: id, tokenHash: manage.hash, expiresAt: manageLinkExpiry(end), now })
    if (holderKeyHash) await releaseHold(client, holderKeyHash)
    if (invitation) await setInvitationStatus(client, invitation.id, 'booked', now)
    await enqueueBookingNotifications(deps, client, { kind: 'booked', bookingId: id, start, end, sequence: 0 })

    const booking = (await findBooking(client, id))!
    if (idempotency) {
      await storeIdempotentAnswer(client, { ...idempotency, statusCode: 201, responseBody: booking, bookingId: id })
    }
    return { booking, manageToken: manage.token, replayed: false }
  })
}

/** The first answer again, with a manage link of its own (the first link's token was never stored). */
async function replay(client: Queryable, storedBody: unknown, now: Date): Promise<CreatedBooking> {
  const booking = reviveBooking(storedBody)
  const current = await findBooking(client, booking.id)
  const manage = generateManageToken()
  await insertManageToken(client, {
    bookingId: booking.id,
    tokenHash: manage.hash,
    expiresAt: manageLinkExpiry((current ?? booking).endsAt),
    now,
  })
  return { booking, manageToken: manage.token, replayed: true }
}

const DATE_FIELDS = ['startsAt', 'endsAt', 'cancelledAt', 'createdAt', 'updatedAt'] as const

function reviveBooking(body: unknown): Booking {
  const booking = { ...(body as Record<string, unknown>) }
  for (const field of DATE_FIELDS) {
    const value = booking[field]
    if (typeof value === 'string') booking[field] = new Date(value)
  }
  return booking as unknown as Booking
}

/** Inserts with a new random reference, drawing again on the rare clash with an existing one (no savepoint needed). */
async function insertWithFreshReference(
  client: Queryable,
  next: () => Parameters<typeof insertBooking>[1],
): Promise<string> {
  for (let attempt = 1; attempt <= REFERENCE_ATTEMPTS; attempt++) {
    const id = await insertBooking(client, next())
    if (id !== null) return id
  }
  throw new Error(`No free booking reference after ${REFERENCE_ATTEMPTS} draws`)
}

async function requireInvitation(
  client: Queryable,
  token: string,
  programme: ProgrammeSettings,
  now: Date,
): Promise<InvitationRecord> {
  const invitation = await findInvitationByTokenHash(client, hashToken(token), { lock: true })
  const problem = invitation && invitation.programmeId !== programme.id ? 'invalid' : invitationLinkProblem(invitation, now)
  if (problem || !invitation) throw new ValidationError([{ field: 'invitation', message: INVITATION_MESSAGES[problem ?? 'invalid'] }])
  return invitation
}
