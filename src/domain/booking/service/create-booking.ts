/**
 * Booking a conversation: one transaction that claims the Idempotency-Key,
 * finds a free coach (placement.ts), writes the booking, its first history
 * row and its manage link, ends the candidate's hold, marks their invitation
 * booked and enqueues the emails. All of it commits together or not at all.
 */
import { randomUUID } from 'node:crypto'
import { ValidationError } from '../../errors.js'
import { EMAIL_CODE_MESSAGES, EmailNotProvenError, proveEmail } from '../../email-proof/index.js'
import { TooManyRequestsError } from '../../limits/index.js'
import { normaliseEmail } from '../../staff/sign-in-throttle.js'
import { AlreadyBookedError, requireEligible } from '../who-may-book.js'
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
import type { GuardedBookingDeps, Visitor } from './deps.js'
import { freeCoachHint, freeCoachesInOrder, inPlacementTransaction, placeWithFirstFreeCoach } from './placement.js'
import { requireProgramme } from './programme.js'
import { findBooking, insertBooking, insertBookingEvent, lockAndListLiveBookingsOf } from '../../../repositories/bookings.js'
import { findActiveProgramme } from '../../../repositories/programmes.js'
import { commitWith, type Queryable } from '../../../repositories/db.js'
import { claimIdempotencyKey, storeIdempotentAnswer } from '../../../repositories/idempotency-keys.js'
import type { InvitationRecord } from '../../../repositories/invitations.js'
import { findInvitationByTokenHash, setInvitationStatus } from '../../../repositories/invitations.js'
import { insertManageToken } from '../../../repositories/manage-tokens.js'
import { findHold, releaseHold } from '../../../repositories/slot-holds.js'

interface CreateBookingCommand extends BookingRequestInput {
  /** Programme id or slug. */
  programme: string
  /** The token of the candidate's personal booking link, when they were invited. */
  invitation?: string | null
  /** The key of the candidate's slot hold, when they hold this time. */
  holdKey?: string | null
  /** The client's Idempotency-Key, if it sent one. */
  idempotencyKey?: string | null
  /** Proof of the address (POST /api/v1/email-codes), on programmes that ask for it. */
  emailCode?: { codeId: string; code: string } | null
}

interface CreatedBooking {
  booking: Booking
  /** For the manage link; shown once, stored only as a hash. */
  manageToken: string
  /** True when this answers a repeat of an earlier request with the same Idempotency-Key. */
  replayed: boolean
}

const IDEMPOTENCY_SCOPE_CREATE_BOOKING = 'POST /api/v1/bookings'

export const INVITATION_MESSAGES = {
  invalid: 'This invitation link is not valid. Book without it, or ask the programme team for a new one.',
  expired: 'This invitation has expired. Ask the programme team for a new one.',
  used: 'This invitation has already been used to book a conversation. Use the link in your confirmation email to change it.',
} as const

const REFERENCE_ATTEMPTS = 5

/**
 * Books, after the gates an anonymous request passes: who may book
 * the programme (403 not_eligible), proof of the address where the programme
 * asks for it (422), the address's live bookings on the programme (409
 * already_booked, with an email to the address), and the limits (429).
 */
export async function createBooking(deps: GuardedBookingDeps, command: CreateBookingCommand, visitor: Visitor): Promise<CreatedBooking> {
  const request = checkBookingRequest(command)
  const formatProblems = [
    ...(command.holdKey && !looksLikeToken(command.holdKey) ? [{ field: 'holdKey', message: 'This hold is not valid' }] : []),
    ...(command.invitation && !looksLikeToken(command.invitation) ? [{ field: 'invitation', message: INVITATION_MESSAGES.invalid }] : []),
  ]
  if (formatProblems.length > 0) throw new ValidationError(formatProblems)
  const holderKeyHash = command.holdKey ? hashToken(command.holdKey) : null
  const now = deps.clock.now()
  const hint = await freeCoachHint(deps, command.programme, request.start, now)
  // Counted before the transaction, so bookings from one address (a trust's gateway) do not queue on one counter.
  if (!command.invitation) await deps.limits.take(deps.limits.rules.bookingsPerAddress, `address:${visitor.ip}`, visitor)
  // Checked before the transaction: a wrong try must count even though the booking is refused.
  const proven = command.emailCode && !command.invitation ? await proveForProgramme(deps, command, request.candidate.email) : false

  // Statements that do not wait on each other's answers are issued together: the transaction sends each such group
  // in one message (inPlacementTransaction). A promise not awaited on every path is marked handled (`quietly`).
  const outcome = await inPlacementTransaction(deps.pool, async (client): Promise<CreatedBooking | 'already-booked'> => {
    const idempotency = command.idempotencyKey
      ? {
          scope: IDEMPOTENCY_SCOPE_CREATE_BOOKING,
          key: command.idempotencyKey,
          requestFingerprint: requestFingerprint({ ...command, idempotencyKey: undefined }),
        }
      : null
    const claimed = idempotency
      ? claimIdempotencyKey(client, { ...idempotency, now, expiresAt: new Date(now.getTime() + IDEMPOTENCY_KEY_HOURS * 60 * MINUTE_MS) })
      : null
    const programmeFound = quietly(requireProgramme(client, command.programme))
    const holdFound = quietly(holderKeyHash ? findHold(client, holderKeyHash, now) : Promise.resolve(null))
    const stored = await claimed
    if (idempotency && stored) {
      if (stored.requestFingerprint !== idempotency.requestFingerprint) throw new IdempotencyKeyReusedError()
      if (stored.statusCode === 409) return 'already-booked'
      return replay(client, stored.responseBody, now)
    }

    const [programme, hold] = await Promise.all([programmeFound, holdFound])
    const invitation = command.invitation ? await requireInvitation(client, command.invitation, programme, now) : null
    const email = normaliseEmail(request.candidate.email)
    requireEligible(programme.access, { email, invited: invitation !== null })
    if (programme.access.asksEmailCode && !invitation && !proven) {
      throw new EmailNotProvenError('email_not_proven', EMAIL_CODE_MESSAGES.notProven)
    }
    const start = request.start
    const end = new Date(start.getTime() + programme.durationMinutes * MINUTE_MS)
    const placement = {
      programme,
      start,
      end,
      now,
      holderKeyHash,
      preferredCoachId: hold && hold.programmeId === programme.id && hold.startsAt.getTime() === start.getTime() ? hold.coachId : null,
    }
    // The address's booking emails are counted whether it books or is told it already has (the count is taken once).
    const [live, emailAllowed, coachIds] = await Promise.all([
      lockAndListLiveBookingsOf(client, { programmeId: programme.id, email, now }),
      deps.limits.take(deps.limits.rules.bookingEmailsPerEmail, `email:${email}`, visitor, client).then(
        () => null,
        (error: unknown) => {
          if (error instanceof TooManyRequestsError) return error
          throw error
        },
      ),
      freeCoachesInOrder(client, placement, hint),
    ])
    if (live.length >= programme.access.liveBookingsPerEmail) {
      // They are emailed the first one's details and a manage link (earlier links keep working), within the
      // address's booking emails for the day; over them nothing is sent, and the answer is the same.
      await Promise.all([
        emailAllowed ? null : deps.jobs.add('send-email', { email: 'already-booked', bookingId: live[0]!, requestId: randomUUID() }, { client }),
        // Nothing is booked: the time they held is free for others again.
        holderKeyHash ? releaseHold(client, holderKeyHash) : null,
        idempotency ? storeIdempotentAnswer(client, { ...idempotency, statusCode: 409, responseBody: { error: 'already_booked' }, bookingId: null }) : null,
      ])
      return 'already-booked'
    }
    if (emailAllowed) throw emailAllowed
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

    const manage = generateManageToken()
    const last = Promise.all([
      findBooking(client, id),
      insertBookingEvent(client, {
        bookingId: id,
        kind: 'booked',
        actor: 'candidate',
        actorStaffUserId: null,
        occurredAt: now,
        startsAt: start,
        endsAt: end,
        coachId,
        sequence: 0,
      }),
      insertManageToken(client, { bookingId: id, tokenHash: manage.hash, expiresAt: manageLinkExpiry(end), now }),
      holderKeyHash ? releaseHold(client, holderKeyHash) : null,
      invitation ? setInvitationStatus(client, invitation.id, 'booked', now) : null,
      deps.notifier.bookingChanged(client, {
        kind: 'booked',
        bookingId: id,
        start,
        end,
        sequence: 0,
        reminderOffsetsMinutes: programme.reminderOffsetsMinutes,
      }),
    ])
    if (idempotency) {
      const [booking] = await last
      await storeIdempotentAnswer(client, { ...idempotency, statusCode: 201, responseBody: booking!, bookingId: id })
      return { booking: booking!, manageToken: manage.token, replayed: false }
    }
    // Nothing else to write: these statements and COMMIT go in one message (commitWith).
    const [booking] = await commitWith(client, last)
    return { booking: booking!, manageToken: manage.token, replayed: false }
  })
  if (outcome === 'already-booked') throw new AlreadyBookedError()
  return outcome
}

/** The programme's proof of this address; the code's try is counted (and kept) whatever happens next. */
async function proveForProgramme(deps: GuardedBookingDeps, command: CreateBookingCommand, email: string): Promise<boolean> {
  const programme = command.programme.trim() === '' ? null : await findActiveProgramme(deps.pool, command.programme.trim())
  if (!programme?.access.asksEmailCode) return false
  await proveEmail(deps, { programmeId: programme.id, email, codeId: command.emailCode?.codeId, code: command.emailCode?.code })
  return true
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

/** Marks the promise's failure handled (it is still thrown where it is awaited), for one some paths never await. */
function quietly<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined)
  return promise
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

/** The usable invitation of this token for this programme (locked for the booking); 400 on the field `invitation` otherwise. */
export async function requireInvitation(
  client: Queryable,
  token: string,
  programme: ProgrammeSettings,
  now: Date,
  { lock = true } = {},
): Promise<InvitationRecord> {
  const invitation = await findInvitationByTokenHash(client, hashToken(token), { lock })
  const problem = invitation && invitation.programmeId !== programme.id ? 'invalid' : invitationLinkProblem(invitation, now)
  if (problem || !invitation) throw new ValidationError([{ field: 'invitation', message: INVITATION_MESSAGES[problem ?? 'invalid'] }])
  return invitation
}
