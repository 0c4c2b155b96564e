/**
 * Joining a programme's waitlist. It passes the same gates as a booking
 * (DECISIONS.md "The waitlist"): who may book (403 not_eligible), proof of
 * the address where the programme asks for it (`emailCode`, 422), the
 * per-address limit on bookings without an invitation (429), and the
 * confirmation email counts against the address's booking emails (429).
 * An invitation is proof and eligibility, as for a booking.
 *
 * The person, their manage link and the confirmation email commit together.
 * Joining again with the same address changes what they said and keeps their
 * place in line.
 */
import { randomUUID } from 'node:crypto'
import { EMAIL_CODE_MESSAGES, EmailNotProvenError, proveEmail } from '../email-proof/index.js'
import { ValidationError } from '../errors.js'
import { CONSENT_NOTICE_VERSION } from '../booking/rules.js'
import { INVITATION_MESSAGES, requireInvitation } from '../booking/service/create-booking.js'
import type { GuardedBookingDeps, Visitor } from '../booking/service/deps.js'
import { requireProgramme } from '../booking/service/programme.js'
import { looksLikeToken } from '../booking/tokens.js'
import { requireEligible } from '../booking/who-may-book.js'
import { normaliseEmail } from '../staff/sign-in-throttle.js'
import { inTransaction } from '../../repositories/db.js'
import { findActiveProgramme } from '../../repositories/programmes.js'
import { insertWaitlistManageToken, upsertWaitingEntry } from '../../repositories/waitlist.js'
import { issueWaitlistToken } from './links.js'
import { todayIn } from './preferences.js'
import { checkJoinRequest, type JoinRequestInput } from './rules.js'
import { WAITLIST_EMAIL_TASK } from './emails.js'

export interface JoinCommand extends JoinRequestInput {
  /** Programme id or slug. */
  programme: string
  /** The token of the candidate's personal booking link, when they were invited. */
  invitation?: string | null
  /** Proof of the address (POST /api/v1/email-codes), on programmes that ask for it. */
  emailCode?: { codeId: string; code: string } | null
}

export interface JoinedWaitlist {
  entryId: string
  /** For the manage link; shown once, stored only as a hash. */
  manageToken: string
}

export async function joinWaitlist(deps: GuardedBookingDeps, command: JoinCommand, visitor: Visitor): Promise<JoinedWaitlist> {
  const now = deps.clock.now()
  const request = checkJoinRequest(command, (zone) => todayIn(zone, now))
  if (command.invitation && !looksLikeToken(command.invitation)) throw new ValidationError([{ field: 'invitation', message: INVITATION_MESSAGES.invalid }])
  const email = normaliseEmail(request.candidate.email)
  // As for a booking: counted before the transaction; a wrong code's try counts even though joining is refused.
  if (!command.invitation) await deps.limits.take(deps.limits.rules.bookingsPerAddress, `address:${visitor.ip}`, visitor)
  const proven = command.emailCode && !command.invitation ? await proveForProgramme(deps, command, email) : false

  return inTransaction(deps.pool, async (client) => {
    const programme = await requireProgramme(client, command.programme)
    const invitation = command.invitation ? await requireInvitation(client, command.invitation, programme, now, { lock: false }) : null
    requireEligible(programme.access, { email, invited: invitation !== null })
    if (programme.access.asksEmailCode && !invitation && !proven) throw new EmailNotProvenError('email_not_proven', EMAIL_CODE_MESSAGES.notProven)
    await deps.limits.take(deps.limits.rules.bookingEmailsPerEmail, `email:${email}`, visitor, client)
    const entryId = await upsertWaitingEntry(client, {
      programmeId: programme.id,
      invitationId: invitation?.id ?? null,
      candidateName: request.candidate.name,
      candidateEmail: email,
      candidatePhone: request.candidate.phone,
      contactMethod: request.contactMethod,
      accessibilityNeeds: request.accessibilityNeeds,
      timeZone: request.preferences.timeZone,
      days: request.preferences.days,
      partsOfDay: request.preferences.partsOfDay,
      from: request.preferences.from,
      to: request.preferences.to,
      consentNoticeVersion: CONSENT_NOTICE_VERSION,
      now,
    })
    const token = issueWaitlistToken(now)
    await insertWaitlistManageToken(client, { entryId, tokenHash: token.hash, expiresAt: token.expiresAt, now })
    await deps.jobs.add(WAITLIST_EMAIL_TASK, { email: 'waitlist-joined', entryId, requestId: randomUUID() }, { client, maxAttempts: 14 })
    return { entryId, manageToken: token.token }
  })
}

async function proveForProgramme(deps: GuardedBookingDeps, command: JoinCommand, email: string): Promise<boolean> {
  const programme = command.programme.trim() === '' ? null : await findActiveProgramme(deps.pool, command.programme.trim())
  if (!programme?.access.asksEmailCode) return false
  await proveEmail(deps, { programmeId: programme.id, email, codeId: command.emailCode?.codeId, code: command.emailCode?.code })
  return true
}
