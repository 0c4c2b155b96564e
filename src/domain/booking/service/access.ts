/**
 * Who may open a booking:
 * - a candidate with an unexpired manage link of this booking (Bearer token);
 * - its coach, or any admin, signed in.
 * Every way of failing with a link or a session gives the same 404
 * (BookingNotFoundError), so a guess learns nothing; no link and no session
 * at all is a 401, which says nothing about the booking either.
 */
import { UnauthorizedError } from '../../errors.js'
import { looksLikeUuid } from '../../ids.js'
import { BookingNotFoundError } from '../errors.js'
import { hashToken, looksLikeToken } from '../tokens.js'
import type { Booking, BookingActor, BookingViewer, StaffPrincipal } from '../types.js'
import { findBooking } from '../../../repositories/bookings.js'
import type { Queryable } from '../../../repositories/db.js'
import { isManageTokenFor } from '../../../repositories/manage-tokens.js'

export interface BookingCredentials {
  /** The token of a manage link (the last part of its path). */
  manageToken?: string | null
  /** The signed-in member of staff, if any. */
  staff?: StaffPrincipal | null
}

/** The booking and who is looking at it; `lock` holds the booking's row until the transaction ends. */
export async function openBooking(
  db: Queryable,
  bookingId: string,
  credentials: BookingCredentials,
  now: Date,
  { lock = false } = {},
): Promise<{ booking: Booking; viewer: BookingViewer }> {
  const token = credentials.manageToken ?? null
  const staff = credentials.staff ?? null
  if (token === null && staff === null) throw new UnauthorizedError('Use the link in your email, or sign in')
  if (!looksLikeUuid(bookingId)) throw new BookingNotFoundError()

  if (token !== null) {
    if (!looksLikeToken(token) || !(await isManageTokenFor(db, bookingId, hashToken(token), now))) {
      throw new BookingNotFoundError()
    }
    const booking = await findBooking(db, bookingId, { lock })
    if (!booking) throw new BookingNotFoundError()
    return { booking, viewer: { kind: 'candidate' } }
  }

  const booking = await findBooking(db, bookingId, { lock })
  if (!booking || !staffMaySee(staff!, booking)) throw new BookingNotFoundError()
  return { booking, viewer: { kind: 'staff', staff: staff! } }
}

function staffMaySee(staff: StaffPrincipal, booking: Pick<Booking, 'coachId'>): boolean {
  return staff.role === 'admin' || (staff.coachId !== null && staff.coachId === booking.coachId)
}

export function actorOf(viewer: BookingViewer): { actor: BookingActor; actorStaffUserId: string | null } {
  return viewer.kind === 'candidate'
    ? { actor: 'candidate', actorStaffUserId: null }
    : { actor: viewer.staff.role, actorStaffUserId: viewer.staff.userId }
}
