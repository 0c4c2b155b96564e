/** JSON shapes of the slots and bookings API (TypeBox: validation, types and OpenAPI from one source). */
import { Type, type Static } from 'typebox'
import type { Booking } from '../domain/booking/types.js'
import {
  ACCESSIBILITY_NEEDS_MAX_LENGTH,
  EMAIL_MAX_LENGTH,
  NAME_MAX_LENGTH,
  PHONE_MAX_LENGTH,
  REASON_MAX_LENGTH,
} from '../domain/booking/rules.js'
import { Nullable } from './common.js'

/** An instant: ISO 8601 with an offset; answers are always UTC with milliseconds. */
const instant = (description = 'ISO 8601 with an offset; answers are in UTC, like 2026-03-02T09:30:00.000Z') =>
  Type.String({ format: 'date-time', description, examples: ['2026-03-02T09:30:00.000Z'] })
const Instant = instant()

const timeZone = (description = 'IANA time zone the candidate reads times in') =>
  Type.String({ minLength: 1, maxLength: 100, description, examples: ['Europe/London'] })

/** A token we issued (manage link, invitation link, hold key): 43 base64url characters. Checked by the domain. */
const token = (description: string) => Type.String({ minLength: 1, maxLength: 100, description })

const ProgrammeKey = Type.String({
  minLength: 1,
  maxLength: 100,
  description: 'Programme id or slug, see /api/v1/programmes',
  examples: ['vaccinators'],
})

export const SlotsQuery = Type.Object({
  programme: ProgrammeKey,
  from: Type.String({ maxLength: 20, description: 'First date, YYYY-MM-DD, in timeZone', examples: ['2026-03-02'] }),
  to: Type.String({ maxLength: 20, description: 'Last date, YYYY-MM-DD, in timeZone (at most 93 days in all)', examples: ['2026-03-08'] }),
  timeZone: Type.Optional(timeZone('IANA time zone of the dates; Europe/London when left out')),
  holdKey: Type.Optional(token('The key of your hold: your held time shows as free to you')),
})

const Slot = Type.Object({ start: Instant, end: Instant })

export const SlotsReply = Type.Object({
  timeZone: Type.String(),
  slots: Type.Array(Slot, { description: 'Sorted, no duplicates: when at least one coach is free' }),
})

export const HoldBody = Type.Object(
  {
    programme: ProgrammeKey,
    start: Instant,
    holdKey: Type.Optional(token('Your current hold, which this one replaces (the same time again: kept for longer, up to 30 minutes)')),
    invitation: Type.Optional(token('The token of the personal booking link: the hold counts against the invitation, not your address')),
  },
  { additionalProperties: false },
)

export const HoldReply = Type.Object({
  holdKey: Type.String({ description: 'Send it with slots and booking requests; shown only now' }),
  start: Instant,
  end: Instant,
  expiresAt: Instant,
})

export const CreateBookingBody = Type.Object(
  {
    programme: ProgrammeKey,
    start: instant('Start of a free slot'),
    timeZone: timeZone(),
    candidate: Type.Object(
      {
        name: Type.String({ minLength: 1, maxLength: NAME_MAX_LENGTH }),
        email: Type.String({ format: 'email', maxLength: EMAIL_MAX_LENGTH }),
        phone: Type.Optional(Type.String({ maxLength: PHONE_MAX_LENGTH, description: 'Needed when contactMethod is phone' })),
      },
      { additionalProperties: false },
    ),
    contactMethod: Type.Union([Type.Literal('video'), Type.Literal('phone')]),
    accessibilityNeeds: Type.Optional(Type.String({ maxLength: ACCESSIBILITY_NEEDS_MAX_LENGTH })),
    consent: Type.Literal(true, { description: 'The candidate has read how their information is used' }),
    invitation: Type.Optional(token('The token of the personal booking link in an invitation')),
    holdKey: Type.Optional(token('The key of the hold on this time, if any')),
    emailCode: Type.Optional(
      Type.Object(
        {
          codeId: Type.String({ format: 'uuid' }),
          code: Type.String({ pattern: '^[0-9]{6}$', description: 'The 6 digits emailed to the candidate' }),
        },
        { additionalProperties: false, description: 'Proof of the address (POST /api/v1/email-codes), where the programme asks for it' },
      ),
    ),
  },
  { additionalProperties: false },
)
export type CreateBookingBody = Static<typeof CreateBookingBody>

export const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 255,
      pattern: '^[\\x21-\\x7E]+$',
      description: 'Same key and same body: the first answer again, not a second booking. Same key, other body: 422.',
    }),
  ),
})

export const BookingParams = Type.Object({ id: Type.String({ format: 'uuid' }) })

export const ManageHeaders = Type.Object({
  authorization: Type.Optional(Type.String({ maxLength: 200, description: 'Bearer <the token at the end of the manage link>' })),
})

export const RescheduleBody = Type.Object(
  {
    start: instant('Start of a free slot'),
    timeZone: Type.Optional(timeZone('The candidate’s zone, if it changes')),
    reason: Type.Optional(Type.String({ maxLength: REASON_MAX_LENGTH })),
    holdKey: Type.Optional(token('The key of the hold on the new time, if any')),
  },
  { additionalProperties: false },
)

export const CancelBody = Type.Object(
  { reason: Type.Optional(Type.String({ maxLength: REASON_MAX_LENGTH, description: 'Optional for the candidate; staff must give one' })) },
  { additionalProperties: false },
)

const BookingJson = Type.Object({
  id: Type.String({ format: 'uuid' }),
  reference: Type.String({ examples: ['CC-7KQ2M9'] }),
  start: Instant,
  end: Instant,
  status: Type.Union([Type.Literal('booked'), Type.Literal('cancelled'), Type.Literal('completed'), Type.Literal('no_show')]),
  coachFirstName: Type.String(),
  contactMethod: Type.Union([Type.Literal('video'), Type.Literal('phone')]),
  videoLink: Nullable(
    Type.String({ description: 'The link to join a video call, once the coach has one; null for a phone call or until then' }),
  ),
  timeZone: Type.String({ description: 'The candidate’s zone' }),
  programme: Type.Object({ id: Type.String({ format: 'uuid' }), slug: Type.String(), name: Type.String() }),
  candidate: Type.Object({ name: Type.String(), email: Type.String(), phone: Nullable(Type.String()) }),
  accessibilityNeeds: Nullable(Type.String()),
  cancelledAt: Nullable(Instant),
  cancelledBy: Nullable(Type.Union([Type.Literal('candidate'), Type.Literal('coach'), Type.Literal('admin'), Type.Literal('system')])),
  cancellationReason: Nullable(Type.String()),
  createdAt: Instant,
  updatedAt: Instant,
})
type BookingJson = Static<typeof BookingJson>

export const BookingReply = Type.Object({ booking: BookingJson })

export const CreatedBookingReply = Type.Object({
  booking: BookingJson,
  manageUrl: Type.String({ description: 'The candidate’s link to see, change or cancel: PUBLIC_URL/bookings/manage/<token>' }),
})

export function bookingJson(booking: Booking): BookingJson {
  return {
    id: booking.id,
    reference: booking.reference,
    start: booking.startsAt.toISOString(),
    end: booking.endsAt.toISOString(),
    status: booking.status,
    coachFirstName: booking.coachFirstName,
    contactMethod: booking.contactMethod,
    videoLink: booking.videoLink,
    timeZone: booking.candidateTimeZone,
    programme: { id: booking.programme.id, slug: booking.programme.slug, name: booking.programme.name },
    candidate: { ...booking.candidate },
    accessibilityNeeds: booking.accessibilityNeeds,
    cancelledAt: booking.cancelledAt?.toISOString() ?? null,
    cancelledBy: booking.cancelledBy,
    cancellationReason: booking.cancellationReason,
    createdAt: booking.createdAt.toISOString(),
    updatedAt: booking.updatedAt.toISOString(),
  }
}

export const EmailCodeBody = Type.Object(
  {
    programme: ProgrammeKey,
    email: Type.String({ format: 'email', maxLength: EMAIL_MAX_LENGTH }),
    invitation: Type.Optional(token('Not needed: an invitation is proof of the address already')),
  },
  { additionalProperties: false },
)

export const EmailCodeReply = Type.Object({
  codeId: Type.String({ format: 'uuid', description: 'Give it back with the code when booking (`emailCode`)' }),
})
