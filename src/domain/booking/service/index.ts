/** The booking service: every change in one transaction, through the repositories. */
export type { BookingDeps, GuardedBookingDeps, Visitor } from './deps.js'
export type { BookingCredentials } from './access.js'
export { openBooking, staffMaySee } from './access.js'
export type { CreateBookingCommand, CreatedBooking } from './create-booking.js'
export { createBooking, IDEMPOTENCY_SCOPE_CREATE_BOOKING, INVITATION_MESSAGES } from './create-booking.js'
export type { CancelCommand, RescheduleCommand } from './change-booking.js'
export { cancelBooking, CHANGE_MESSAGES, getBooking, rescheduleBooking } from './change-booking.js'
export type { HoldInput, SlotHold, SlotListing, SlotListingInput } from './slots.js'
export { holdSlot, keepHold, listSlots, listSlotsJson } from './slots.js'
export type { InvitationLink, InvitationLinkProblem } from './candidate-links.js'
export { getBookingByManageToken, invitationLinkProblem, openInvitationLink } from './candidate-links.js'
export type { InvitationDeps, InvitationInput, InvitationRequest } from './invitations.js'
export {
  checkInvitationInput,
  INVITATION_INPUT_MESSAGES,
  INVITATION_VALID_DAYS,
  inviteCandidate,
  inviteToProgramme,
  issueInvitationLink,
  withdrawInvitation,
} from './invitations.js'
export type { ReassignCommand } from './reassign-booking.js'
export { reassignBooking, REASSIGN_MESSAGES } from './reassign-booking.js'
