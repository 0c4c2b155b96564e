/**
 * Slot holds: when a candidate picks a time, it is kept for them for
 * HOLD_MINUTES while they give their details, and kept HOLD_MINUTES longer at
 * each step they take (and while they fetch an email code), up to
 * HOLD_MAX_MINUTES in all. Others don't see it; the holder does (they show
 * their key). A hold ends when they book, when it expires, or when they pick
 * another time (one hold per holder, and one per invitation).
 *
 * An uninvited hold counts against the client address (at most
 * LIMIT_LIVE_HOLDS_PER_ADDRESS live on a programme); a hold made with an
 * invitation counts against that invitation instead, so colleagues behind one
 * gateway each hold their own time.
 *
 * The holder's key is a random token (see tokens.ts), kept by the page
 * journey in its session or by an API client; only its hash is stored.
 */
import { MINUTE_MS } from '../slots/zone-time.js'

export const HOLD_MINUTES = 10
/** However often it is extended, a hold lasts no longer than this from when the time was chosen. */
export const HOLD_MAX_MINUTES = 30

export function holdExpiry(now: Date): Date {
  return new Date(now.getTime() + HOLD_MINUTES * MINUTE_MS)
}
