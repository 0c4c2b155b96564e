/**
 * What a candidate's links open when the link is all they have: the manage
 * page (/bookings/manage/<token>: the token names no booking id) and the
 * personal booking link in an invitation (/invitations/<token>).
 */
import { BookingNotFoundError } from '../errors.js'
import { hashToken, looksLikeToken } from '../tokens.js'
import type { Booking, ProgrammeSettings } from '../types.js'
import { getBooking } from './change-booking.js'
import type { BookingDeps } from './deps.js'
import type { InvitationRecord } from '../../../repositories/invitations.js'
import { findInvitationByTokenHash } from '../../../repositories/invitations.js'
import { findBookingIdByManageToken } from '../../../repositories/manage-tokens.js'
import { findActiveProgramme } from '../../../repositories/programmes.js'
import { findProgrammeRecord } from '../../../repositories/programme-settings.js'

/**
 * The booking an unexpired manage link opens, checked like every other
 * candidate access (openBooking). Any failure is the one BookingNotFoundError.
 */
export async function getBookingByManageToken(deps: BookingDeps, manageToken: string): Promise<Booking> {
  if (!looksLikeToken(manageToken)) throw new BookingNotFoundError()
  const bookingId = await findBookingIdByManageToken(deps.pool, hashToken(manageToken), deps.clock.now())
  if (!bookingId) throw new BookingNotFoundError()
  return getBooking(deps, bookingId, { manageToken })
}

/** Why an invitation link cannot be used to book: the same reasons createBooking gives (INVITATION_MESSAGES). */
type InvitationLinkProblem = 'invalid' | 'expired' | 'used'

type InvitationLink =
  | {
      usable: true
      programme: ProgrammeSettings
      invitee: { name: string; email: string; phone: string | null }
    }
  | { usable: false; problem: InvitationLinkProblem }
  /** The invitation is good, but its programme has been closed to new bookings. */
  | { usable: false; problem: 'closed'; programmeName: string }

/** The problem with an invitation, if any, by createBooking's rules (withdrawn reads as invalid: it reveals nothing). */
export function invitationLinkProblem(
  invitation: Pick<InvitationRecord, 'status' | 'expiresAt'> | null,
  now: Date,
): InvitationLinkProblem | null {
  if (!invitation || invitation.status === 'withdrawn') return 'invalid'
  if (invitation.status === 'booked') return 'used'
  if (invitation.status === 'expired' || invitation.expiresAt.getTime() <= now.getTime()) return 'expired'
  return null
}

/** Opens a personal booking link: the programme to book and who was invited, or why it cannot be used. */
export async function openInvitationLink(deps: BookingDeps, token: string): Promise<InvitationLink> {
  if (!looksLikeToken(token)) return { usable: false, problem: 'invalid' }
  const invitation = await findInvitationByTokenHash(deps.pool, hashToken(token))
  const problem = invitationLinkProblem(invitation, deps.clock.now())
  if (problem || !invitation) return { usable: false, problem: problem ?? 'invalid' }
  const programme = await findActiveProgramme(deps.pool, invitation.programmeId)
  if (!programme) return { usable: false, problem: 'closed', programmeName: (await findProgrammeRecord(deps.pool, invitation.programmeId))?.name ?? '' }
  return {
    usable: true,
    programme,
    invitee: { name: invitation.name, email: invitation.email, phone: invitation.phone },
  }
}
