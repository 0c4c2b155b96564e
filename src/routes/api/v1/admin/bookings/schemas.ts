/** JSON shapes of the programme team's bookings API (not a plugin: autoload loads only index.ts here). */
import { Type } from 'typebox'
import {
  BOOKING_SORTS,
  BOOKING_STATUSES,
  BOOKINGS_LIMIT_DEFAULT,
  BOOKINGS_LIMIT_MAX,
  BOOKINGS_SEARCH_MAX_LENGTH,
} from '../../../../../domain/bookings-admin/query.js'
import { Nullable } from '../../../../../schemas/common.js'

const Day = (description: string) => Type.String({ format: 'date', description, examples: ['2026-03-02'] })
const Instant = (description: string) => Type.String({ format: 'date-time', description })

export const BookingListQuery = Type.Object({
  programme: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'Programme id or slug (active or not)', examples: ['vaccinators'] })),
  coach: Type.Optional(Type.String({ format: 'uuid', description: 'Coach id: the bookings they hold now' })),
  status: Type.Optional(Type.String({ enum: [...BOOKING_STATUSES], description: 'booked, cancelled, completed (held) or no_show (did not attend)' })),
  from: Type.Optional(Day('Conversations starting on or after this UK date')),
  to: Type.Optional(Day('Conversations starting on or before this UK date')),
  q: Type.Optional(
    Type.String({ maxLength: BOOKINGS_SEARCH_MAX_LENGTH, description: "Part of the candidate's name, email address or booking reference, any case (3 characters or more)", examples: ['CC-7KQ2'] }),
  ),
  sort: Type.Optional(Type.String({ enum: [...BOOKING_SORTS], default: 'start', description: 'start: soonest first (the default); -start: latest first. Either ends in the booking id' })),
  cursor: Type.Optional(Type.String({ maxLength: 500, pattern: '^[A-Za-z0-9_-]+$', description: 'nextCursor of the page before, unchanged; with the same sort' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: BOOKINGS_LIMIT_MAX, default: BOOKINGS_LIMIT_DEFAULT, description: 'Bookings per page' })),
})

const AdminBookingSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  reference: Type.String({ examples: ['CC-7KQ2M9'] }),
  status: Type.String({ enum: [...BOOKING_STATUSES] }),
  start: Instant('When the conversation starts'),
  end: Instant('When it ends'),
  bookedAt: Instant('When it was booked'),
  cancelledAt: Nullable(Instant('When it was cancelled')),
  cancellationReason: Nullable(Type.String({ description: 'The reason given when it was cancelled' })),
  contactMethod: Type.String({ description: 'phone or video' }),
  candidate: Type.Object({ name: Type.String(), email: Type.String({ format: 'email' }) }),
  programme: Type.Object({ id: Type.String({ format: 'uuid' }), slug: Type.String(), name: Type.String() }),
  coach: Type.Object({ id: Type.String({ format: 'uuid' }), name: Type.String(), active: Type.Boolean({ description: 'False once the coach is deactivated' }) }),
})

export const BookingListReply = Type.Object({
  bookings: Type.Array(AdminBookingSchema),
  nextCursor: Nullable(Type.String({ description: 'The next page: pass as cursor; null after the last' })),
})

const maybe = (schema: ReturnType<typeof Type.String>) => Type.Optional(Nullable(schema))

const TimelineEntrySchema = Type.Object({
  at: Instant('When it happened'),
  kind: Type.String({
    description:
      'invited, booked, rescheduled, reassigned, cancelled, completed, no_show, email_sent, email_waiting, email_failed, email_sending, ' +
      'notes_started, notes_completed, outcome_recorded, action_agreed, action_status_changed',
  }),
  actor: Type.String({ enum: ['candidate', 'coach', 'admin', 'system'], description: 'Who did it' }),
  actorName: Nullable(Type.String({ description: 'The member of staff, by name, when one did it' })),
  startsAt: maybe(Instant('booked, rescheduled: the time')),
  endsAt: maybe(Instant('booked, rescheduled: the end')),
  previousStartsAt: maybe(Instant('rescheduled: the time before')),
  previousEndsAt: maybe(Instant('rescheduled: the end before')),
  coach: maybe(Type.String({ description: 'booked, reassigned: the coach' })),
  previousCoach: maybe(Type.String({ description: 'reassigned: the coach before' })),
  reason: maybe(Type.String({ description: 'reassigned, cancelled: the reason given' })),
  email: Type.Optional(Type.String({ description: 'email_*: which email' })),
  subject: Type.Optional(Type.String({ description: 'email_*: its subject' })),
  to: Type.Optional(Type.String({ description: 'email_*: to whom (candidate or staff); action_status_changed: the new status' })),
  attempts: Type.Optional(Type.Integer({ description: 'email_*: times tried' })),
  outcome: Type.Optional(Type.String({ description: 'outcome_recorded: held, no_show or cancelled_late' })),
  noShowReason: maybe(Type.String({ description: 'outcome_recorded: why they did not attend (forgot, no_longer_needed, work, personal_situation, rescheduled, not_known)' })),
  actionId: Type.Optional(Type.String({ format: 'uuid' })),
  summary: Type.Optional(Type.String({ description: 'action_*: what was agreed' })),
  owner: Type.Optional(Type.String({ description: 'action_agreed: who does it' })),
  dueOn: Type.Optional(Type.String({ format: 'date' })),
  from: Type.Optional(Type.String({ description: 'action_status_changed: the status before' })),
  comment: maybe(Type.String({ description: 'action_status_changed: the comment' })),
})

export const AdminBookingDetailReply = Type.Object({
  booking: AdminBookingSchema,
  timeline: Type.Array(TimelineEntrySchema, { description: 'Everything that happened to the booking, oldest first (never what the notes say)' }),
})
