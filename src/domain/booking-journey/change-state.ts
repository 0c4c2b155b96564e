/**
 * Changing the time of a booking from its manage page: choose a day, choose
 * a time (held for the candidate, like a new booking), check, change. The
 * answers so far are kept in a sealed cookie of their own, tied to the booking.
 */
import { isValidTimeZone } from '../time/index.js'
import type { JourneyNotice } from './state.js'

/** How long a change in progress is kept without an answer. */
export const CHANGE_MINUTES = 30

export interface ChangeState {
  bookingId: string
  timeZone: string
  day: string | null
  start: string | null
  holdKey: string | null
  holdExpiresAt: string | null
  notice: JourneyNotice | null
}

export function newChange(bookingId: string, timeZone: string): ChangeState {
  return { bookingId, timeZone, day: null, start: null, holdKey: null, holdExpiresAt: null, notice: null }
}

const str = (value: unknown): string | null => (typeof value === 'string' ? value : null)

export function readChange(value: unknown): ChangeState | null {
  if (typeof value !== 'object' || value === null) return null
  const raw = value as Record<string, unknown>
  const bookingId = str(raw.bookingId)
  const timeZone = str(raw.timeZone)
  if (!bookingId || !timeZone || !isValidTimeZone(timeZone)) return null
  return {
    bookingId,
    timeZone,
    day: str(raw.day),
    start: str(raw.start),
    holdKey: str(raw.holdKey),
    holdExpiresAt: str(raw.holdExpiresAt),
    notice: raw.notice === 'slot-taken' ? 'slot-taken' : null,
  }
}

/** The change's first unanswered step ('check' once a day and a time are chosen). */
export function changeStep(state: ChangeState): 'day' | 'time' | 'check' {
  if (state.day === null) return 'day'
  if (state.start === null) return 'time'
  return 'check'
}
