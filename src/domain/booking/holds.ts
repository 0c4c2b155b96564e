/**
 * Slot holds: when a candidate picks a time, it is kept for them for
 * HOLD_MINUTES while they give their details. Others don't see it; the holder
 * does (they show their key). A hold ends when they book, when it expires, or
 * when they pick another time (one hold per holder).
 *
 * The holder's key is a random token (see tokens.ts), kept by the page
 * journey in its session or by an API client; only its hash is stored.
 */
import { MINUTE_MS } from '../slots/zone-time.js'

export const HOLD_MINUTES = 10

export function holdExpiry(now: Date): Date {
  return new Date(now.getTime() + HOLD_MINUTES * MINUTE_MS)
}
