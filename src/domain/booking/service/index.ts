/** The booking service: every change in one transaction, through the repositories. */
export type { BookingDeps, GuardedBookingDeps, Visitor } from './deps.js'
export type { BookingCredentials } from './access.js'
export { openBooking } from './access.js'
export { createBooking } from './create-booking.js'
export { cancelBooking, getBooking, rescheduleBooking } from './change-booking.js'
export { holdSlot, keepHold, listSlots, listSlotsJson } from './slots.js'
export { getBookingByManageToken, openInvitationLink } from './candidate-links.js'
export type { InvitationDeps, InvitationInput, InvitationRequest } from './invitations.js'
export {
  checkInvitationInput,
  inviteCandidate,
  inviteToProgramme,
  issueInvitationLink,
  withdrawInvitation,
} from './invitations.js'
export { reassignBooking } from './reassign-booking.js'
