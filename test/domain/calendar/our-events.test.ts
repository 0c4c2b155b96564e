import { describe, expect, it } from 'vitest'
import { bookingUid, coachUid, isOurEventUid, writeBackUid } from '../../../src/domain/calendar/index.js'

const bookingId = '7d1e3c52-0c55-4a34-9d64-0b4f1f0d2b11'
const stored = 'cc-5f0e3a9b1c2d4e6f8a7b9c0d1e2f3a4b'

describe("a booking's calendar UID", () => {
  it('is the stored one, naming no host, when the booking has one; the old form otherwise', () => {
    expect(bookingUid(bookingId, 'careers.example.nhs.uk', stored)).toBe(stored)
    expect(coachUid(bookingId, 'careers.example.nhs.uk', stored)).toBe(`coach-${stored}`)
    expect(writeBackUid(bookingId, 'careers.example.nhs.uk', stored)).toBe(`calendar-${stored}`)
    for (const none of [null, undefined]) {
      expect(bookingUid(bookingId, 'careers.example.nhs.uk', none)).toBe(`booking-${bookingId}@careers.example.nhs.uk`)
      expect(coachUid(bookingId, 'careers.example.nhs.uk', none)).toBe(`coach-booking-${bookingId}@careers.example.nhs.uk`)
      expect(writeBackUid(bookingId, 'careers.example.nhs.uk', none)).toBe(`calendar-booking-${bookingId}@careers.example.nhs.uk`)
    }
  })
})

describe('isOurEventUid', () => {
  it('knows every copy of our events, in both forms, whatever the host', () => {
    for (const uid of [stored, `booking-${bookingId}@careers.example.nhs.uk`, `booking-${bookingId}@old-host.example`]) {
      expect(isOurEventUid(uid)).toBe(true)
      expect(isOurEventUid(`coach-${uid}`)).toBe(true)
      expect(isOurEventUid(`calendar-${uid}`)).toBe(true)
      expect(isOurEventUid(` ${uid.toUpperCase()} `)).toBe(true)
    }
  })

  it("leaves everyone else's events busy", () => {
    for (const uid of [
      'team-meeting',
      'cc-5f0e3a9b', // too short
      `${stored}0`, // too long
      `${stored}@outlook.com`,
      'cc-5f0e3a9b1c2d4e6f8a7b9c0d1e2f3a4g', // not hex
      `other-${stored}`,
      `booking-${bookingId}`, // no host: not a form we ever wrote
      `booking-123@careers.example.nhs.uk`,
      `coach-team-meeting`,
      '',
    ]) {
      expect(isOurEventUid(uid), uid).toBe(false)
    }
  })
})
