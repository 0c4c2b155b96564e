import { describe, expect, it } from 'vitest'
import { canonicalJson } from '../../../src/domain/canonical-json.js'
import { ValidationError } from '../../../src/domain/errors.js'
import {
  BookingCancelledError,
  BookingPastError,
  checkBookingRequest,
  firstNameOf,
  isPhoneNumber,
  requestFingerprint,
  requireChangeable,
  type BookingRequestInput,
} from '../../../src/domain/booking/index.js'
import { ChangeCutoffPassedError } from '../../../src/domain/booking/errors.js'
import { candidateChangeRefusal, requireBeforeChangeCutoff } from '../../../src/domain/booking/rules.js'

const valid: BookingRequestInput = {
  start: '2026-03-03T09:00:00.000Z',
  timeZone: 'Europe/London',
  candidate: { name: 'Sam Taylor', email: 'sam@example.com' },
  contactMethod: 'video',
  consent: true,
}

function problems(input: BookingRequestInput) {
  try {
    checkBookingRequest(input)
    return []
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError)
    return (error as ValidationError).fields
  }
}

describe('a booking request', () => {
  it('is tidied: names and text trimmed, email in lower case, blanks as null', () => {
    expect(
      checkBookingRequest({
        ...valid,
        timeZone: ' America/New_York ',
        candidate: { name: '  Sam   Taylor ', email: ' Sam@Example.COM ', phone: '  ' },
        accessibilityNeeds: '   ',
      }),
    ).toEqual({
      start: new Date('2026-03-03T09:00:00.000Z'),
      timeZone: 'America/New_York',
      candidate: { name: 'Sam Taylor', email: 'sam@example.com', phone: null },
      contactMethod: 'video',
      accessibilityNeeds: null,
    })
  })

  it('needs a phone number for a phone call', () => {
    expect(problems({ ...valid, contactMethod: 'phone' })).toEqual([
      { field: 'candidate.phone', message: 'Enter a phone number, so your coach can call you' },
    ])
    expect(problems({ ...valid, contactMethod: 'phone', candidate: { ...valid.candidate, phone: '07700 900982' } })).toEqual([])
  })

  it('reports every problem at once, each with its field', () => {
    expect(
      problems({
        start: 'tomorrow',
        timeZone: 'Nowhere/Special',
        candidate: { name: '', email: 'sam@', phone: '12' },
        contactMethod: 'video',
        consent: false,
      }).map((p) => p.field),
    ).toEqual(['start', 'timeZone', 'candidate.name', 'candidate.email', 'candidate.phone', 'consent'])
  })

  it('takes UK and international phone numbers', () => {
    for (const good of ['07700 900982', '+44 7700 900982', '(020) 7946 0958', '+1-212-555-0100']) expect(isPhoneNumber(good)).toBe(true)
    for (const bad of ['12345', 'call me', '+44 7700 900982 ext 5', '1'.repeat(16)]) expect(isPhoneNumber(bad)).toBe(false)
  })
})

describe('changing a booking', () => {
  const now = new Date('2026-03-03T09:00:00.000Z')
  it('is allowed while it is booked and has not started', () => {
    expect(() => requireChangeable({ status: 'booked', startsAt: new Date('2026-03-03T09:00:00.001Z') }, now)).not.toThrow()
  })
  it('is refused once cancelled, started, or over', () => {
    expect(() => requireChangeable({ status: 'cancelled', startsAt: new Date('2026-04-01T09:00:00Z') }, now)).toThrow(BookingCancelledError)
    expect(() => requireChangeable({ status: 'booked', startsAt: now }, now)).toThrow(BookingPastError)
    expect(() => requireChangeable({ status: 'completed', startsAt: new Date('2026-04-01T09:00:00Z') }, now)).toThrow(BookingPastError)
    expect(() => requireChangeable({ status: 'no_show', startsAt: new Date('2026-02-01T09:00:00Z') }, now)).toThrow(BookingPastError)
  })
})

describe('request fingerprints (Idempotency-Key)', () => {
  it('do not depend on the order of fields, and do on their values', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { f: 2, e: 3 }], c: null } })).toBe('{"a":{"c":null,"d":[1,{"e":3,"f":2}]},"b":1}')
    expect(requestFingerprint({ a: 1, b: 2 })).toBe(requestFingerprint({ b: 2, a: 1 }))
    expect(requestFingerprint({ a: 1, b: 2 })).not.toBe(requestFingerprint({ a: 1, b: 3 }))
    expect(requestFingerprint({ a: 1, b: undefined })).toBe(requestFingerprint({ a: 1 }))
  })
})

describe('a coach’s first name', () => {
  it('is the first word of their name', () => {
    expect(firstNameOf('Amina Okafor')).toBe('Amina')
    expect(firstNameOf('  Chloe ')).toBe('Chloe')
  })
})

describe('whether a candidate can still change or cancel online', () => {
  const programme = { id: 'p', slug: 'p', name: 'P', durationMinutes: 45, minimumNoticeMinutes: 60, horizonDays: 28, cancellationCutoffHours: 24 }
  const startsAt = new Date('2026-03-10T09:00:00.000Z')
  const booking = { status: 'booked' as const, startsAt, programme }
  const at = (iso: string) => new Date(iso)

  it('can until the cut-off, and says why not after it, once it has passed and when cancelled', () => {
    expect(candidateChangeRefusal(booking, at('2026-03-09T08:59:59.000Z'))).toBeNull()
    expect(candidateChangeRefusal(booking, at('2026-03-09T09:00:00.000Z'))).toBeInstanceOf(ChangeCutoffPassedError)
    expect(candidateChangeRefusal(booking, at('2026-03-10T09:00:00.000Z'))).toBeInstanceOf(BookingPastError)
    expect(candidateChangeRefusal({ ...booking, status: 'cancelled' }, at('2026-03-01T09:00:00.000Z'))).toBeInstanceOf(BookingCancelledError)
    expect(candidateChangeRefusal({ ...booking, status: 'completed' }, at('2026-03-01T09:00:00.000Z'))).toBeInstanceOf(BookingPastError)
    // No cut-off: right up to the start.
    expect(candidateChangeRefusal({ ...booking, programme: { ...programme, cancellationCutoffHours: 0 } }, at('2026-03-10T08:59:00.000Z'))).toBeNull()
  })

  it('agrees with what the services require', () => {
    for (const now of ['2026-03-01T00:00:00.000Z', '2026-03-09T10:00:00.000Z', '2026-03-11T00:00:00.000Z'].map(at)) {
      const thrown = (() => {
        try {
          requireChangeable(booking, now)
          requireBeforeChangeCutoff(booking, now)
          return null
        } catch (error) {
          return error
        }
      })()
      expect(candidateChangeRefusal(booking, now)?.constructor ?? null).toBe((thrown as Error | null)?.constructor ?? null)
    }
  })
})
