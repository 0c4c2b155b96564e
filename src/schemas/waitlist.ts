/** JSON shapes of the waitlist API (TypeBox: validation, types and OpenAPI from one source). */
import { Type, type Static } from 'typebox'
import { ACCESSIBILITY_NEEDS_MAX_LENGTH, EMAIL_MAX_LENGTH, NAME_MAX_LENGTH, PHONE_MAX_LENGTH } from '../domain/booking/rules.js'
import { PARTS_OF_DAY } from '../domain/waitlist/preferences.js'
import type { WaitlistPlace } from '../domain/waitlist/manage.js'
import { Nullable } from './common.js'

const date = (description: string) => Type.String({ maxLength: 20, description, examples: ['2026-03-02'] })

const WaitlistPreferencesSchema = Type.Object(
  {
    days: Type.Array(Type.Integer({ minimum: 1, maximum: 7 }), {
      minItems: 1,
      maxItems: 7,
      uniqueItems: true,
      description: 'ISO weekdays that suit: 1 is Monday, 7 is Sunday',
    }),
    partsOfDay: Type.Array(Type.Union(PARTS_OF_DAY.map((part) => Type.Literal(part))), {
      minItems: 1,
      maxItems: 3,
      uniqueItems: true,
      description: 'morning (starts before midday), afternoon (midday to 5pm), early_evening (5pm to 8pm), on the candidate\'s clock',
    }),
    from: Type.Optional(Nullable(date('First date that suits, YYYY-MM-DD in timeZone; today when left out'))),
    to: Type.Optional(Nullable(date('Last date that suits, YYYY-MM-DD in timeZone; as far as the programme books ahead when left out'))),
    timeZone: Type.String({ minLength: 1, maxLength: 100, description: 'IANA time zone the days and parts of the day are on', examples: ['Europe/London'] }),
  },
  { additionalProperties: false },
)

export const JoinWaitlistBody = Type.Object(
  {
    programme: Type.String({ minLength: 1, maxLength: 100, description: 'Programme id or slug, see /api/v1/programmes', examples: ['vaccinators'] }),
    candidate: Type.Object(
      {
        name: Type.String({ minLength: 1, maxLength: NAME_MAX_LENGTH }),
        email: Type.String({ format: 'email', maxLength: EMAIL_MAX_LENGTH }),
        phone: Type.Optional(Type.String({ maxLength: PHONE_MAX_LENGTH, description: 'Needed when contactMethod is phone' })),
      },
      { additionalProperties: false },
    ),
    contactMethod: Type.Union([Type.Literal('video'), Type.Literal('phone')]),
    accessibilityNeeds: Type.Optional(
      Type.String({ maxLength: ACCESSIBILITY_NEEDS_MAX_LENGTH, description: 'What would help them take part; given to the booking when they take an offer' }),
    ),
    preferences: WaitlistPreferencesSchema,
    consent: Type.Literal(true, { description: 'The candidate has read how their information is used' }),
    invitation: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'The token of the personal booking link in an invitation' })),
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
export type JoinWaitlistBody = Static<typeof JoinWaitlistBody>

const Instant = Type.String({ format: 'date-time' })

const WaitlistEntryJson = Type.Object({
  id: Type.String({ format: 'uuid' }),
  programme: Type.String({ description: 'The programme\'s slug' }),
  status: Type.Union([Type.Literal('waiting'), Type.Literal('booked'), Type.Literal('left'), Type.Literal('removed'), Type.Literal('ended')], {
    description: 'waiting (in line), booked, left, removed (by the programme team), ended (their last date passed)',
  }),
  candidate: Type.Object({ name: Type.String(), email: Type.String(), phone: Nullable(Type.String()) }),
  contactMethod: Type.Union([Type.Literal('video'), Type.Literal('phone')]),
  accessibilityNeeds: Nullable(Type.String()),
  preferences: Type.Object({
    days: Type.Array(Type.Integer()),
    partsOfDay: Type.Array(Type.String()),
    from: Nullable(Type.String()),
    to: Nullable(Type.String()),
    timeZone: Type.String(),
  }),
  joinedAt: Instant,
  leftAt: Nullable(Instant),
  offer: Nullable(
    Type.Object(
      { start: Instant, end: Instant, expiresAt: Instant },
      { description: 'The time held for them now, until expiresAt: book it from the link in the offer email' },
    ),
  ),
})

export const WaitlistEntryReply = Type.Object({ entry: WaitlistEntryJson })
export const JoinedWaitlistReply = Type.Object({
  entry: WaitlistEntryJson,
  manageUrl: Type.String({ description: 'The personal link to see, change or leave the waitlist; its last part is the Bearer token for GET and DELETE' }),
})
export const WaitlistParams = Type.Object({ id: Type.String({ format: 'uuid' }) })

export function waitlistEntryJson({ entry, offer }: WaitlistPlace): Static<typeof WaitlistEntryJson> {
  return {
    id: entry.id,
    programme: entry.programmeSlug,
    status: entry.status,
    candidate: { name: entry.candidateName, email: entry.candidateEmail, phone: entry.candidatePhone },
    contactMethod: entry.contactMethod,
    accessibilityNeeds: entry.accessibilityNeeds,
    preferences: { days: entry.days, partsOfDay: entry.partsOfDay, from: entry.from, to: entry.to, timeZone: entry.timeZone },
    joinedAt: entry.createdAt.toISOString(),
    leftAt: entry.leftAt?.toISOString() ?? null,
    offer: offer ? { start: offer.startsAt.toISOString(), end: offer.endsAt.toISOString(), expiresAt: offer.expiresAt.toISOString() } : null,
  }
}

const Count = (description: string) => Type.Integer({ minimum: 0, description })
const Days = (description: string) => Nullable(Type.Number({ description }))

/** The programme report's `waitlist` figures (src/domain/waitlist/figures.ts). */
export const WaitlistReport = Type.Object(
  {
    waitingNow: Count('People in the waitlist now'),
    withOfferNow: Count('Of them, with a time held for them now'),
    daysWaitingNow: Type.Object({
      median: Days('Median days the people waiting now have waited so far'),
      longest: Days('Longest wait so far, in days'),
    }),
    joined: Count('Joined in the period'),
    left: Type.Object(
      {
        booked: Count('Booked (an offered time, or another way)'),
        left: Count('Left the waitlist themselves'),
        removed: Count('Taken off by the programme team'),
        ended: Count('Their last date passed'),
      },
      { description: 'Left the waitlist in the period, by how' },
    ),
    daysWaitedBeforeBooking: Type.Object({
      count: Count('People who booked in the period'),
      median: Days('Median days from joining to booking'),
      mean: Days('Mean days from joining to booking'),
    }),
    offers: Type.Object(
      {
        made: Count('Times offered in the period'),
        taken: Count('Booked from the offer'),
        declined: Count('Said no'),
        expired: Count('Not taken by the deadline'),
        withdrawn: Count('Ended because the person left or booked another way'),
        open: Count('Still held for them'),
      },
      { description: 'Offers made in the period, by how they ended' },
    ),
  },
  { description: 'The waitlist: who waits, how long, and the offers made' },
)
