import { Type, type Static } from 'typebox'

/**
 * graphile-worker waits exp(min(attempt, 10)) seconds between attempts:
 * 14 attempts span about 34 hours, past the 24 hours a relay may be down.
 */
export const SEND_EMAIL_MAX_ATTEMPTS = 14

const Id = Type.String({ format: 'uuid' })
/**
 * An email to send, as the domain asks for one: a `send-email` job whose
 * payload names the email and what it is about. The job composes it from the
 * database as it is when it runs (src/jobs/send-email.ts), so the domain says
 * what happened, never how the email reads.
 */
export const SendEmailPayload = Type.Union([
  Type.Object({ email: Type.Literal('booking-confirmation'), bookingId: Id, preparationIncluded: Type.Boolean() }),
  Type.Object({ email: Type.Literal('booking-changed'), bookingId: Id, sequence: Type.Integer() }),
  Type.Object({ email: Type.Literal('booking-cancelled'), bookingId: Id, sequence: Type.Integer() }),
  Type.Object({ email: Type.Literal('booking-coach-changed'), bookingId: Id, sequence: Type.Integer() }),
  Type.Object({
    email: Type.Literal('coach-notice'),
    bookingId: Id,
    notice: Type.Union([Type.Literal('booked'), Type.Literal('changed'), Type.Literal('cancelled')]),
    sequence: Type.Integer(),
  }),
  Type.Object({ email: Type.Literal('previous-coach-notice'), bookingId: Id, coachId: Id, sequence: Type.Integer() }),
  // A conversation cancelled because its candidate was erased (src/domain/data-protection/erasure.ts): the booking is gone, so the payload carries what the coach needs.
  Type.Object({
    email: Type.Literal('coach-erasure-notice'),
    coachId: Id,
    bookingId: Id,
    start: Type.String({ format: 'date-time' }),
    end: Type.String({ format: 'date-time' }),
    sequence: Type.Integer(),
    // The booking's calendar UID (null for one made before there was one): the row is gone when this runs.
    calendarUid: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  }),
  Type.Object({ email: Type.Literal('preparation'), bookingId: Id }),
  Type.Object({ email: Type.Literal('reminder'), bookingId: Id, offsetMinutes: Type.Integer(), start: Type.String() }),
  // A video link changed (src/domain/video-links): the link as it is when the email goes.
  Type.Object({ email: Type.Literal('video-link-changed'), bookingId: Id, changeId: Id }),
  // After the conversation, once the coach has finished the notes: see src/emails/follow-up-emails.ts.
  Type.Object({ email: Type.Literal('conversation-summary'), bookingId: Id }),
  Type.Object({ email: Type.Literal('action-check-in'), bookingId: Id }),
  // Questions after a held conversation: see src/emails/outcome-emails.ts.
  Type.Object({ email: Type.Literal('conversation-feedback'), bookingId: Id }),
  Type.Object({ email: Type.Literal('outcome-follow-up'), bookingId: Id, months: Type.Union([Type.Literal(3), Type.Literal(12)]) }),
  // Asked for on the "This link does not work" page (src/domain/candidate-space/new-link.ts).
  Type.Object({ email: Type.Literal('new-manage-link'), bookingId: Id, requestId: Id }),
  // A second booking attempt for an address that has its booking (src/domain/booking/service/create-booking.ts).
  Type.Object({ email: Type.Literal('already-booked'), bookingId: Id, requestId: Id }),
  // Proof of the address before booking (src/domain/email-proof): no booking yet.
  Type.Object({ email: Type.Literal('email-code'), codeId: Id, to: Type.String({ maxLength: 320 }), programmeName: Type.String({ maxLength: 500 }) }),
  // Enqueued by inviteCandidate; composed in src/emails/invitation-email.ts (no booking yet).
  Type.Object({ email: Type.Literal('invitation'), invitationId: Id }),
  // Staff links to set a password (src/emails/staff-emails.ts): the token is made at send time.
  Type.Object({ email: Type.Literal('password-reset'), passwordLinkId: Id }),
  Type.Object({ email: Type.Literal('new-account'), passwordLinkId: Id }),
])
export type SendEmailPayload = Static<typeof SendEmailPayload>
