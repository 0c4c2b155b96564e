import { createHash, randomBytes } from 'node:crypto'

/** Staff sessions: the rules, free of storage and HTTP. */

export const SESSION_COOKIE = 'cc_session'
/** A session ends after 30 minutes without a request... */
const SESSION_IDLE_MS = 30 * 60 * 1000
/** ...and 12 hours after sign-in, whatever the activity. */
const SESSION_ABSOLUTE_MS = 12 * 60 * 60 * 1000

/** 256 random bits for the cookie. */
export function newSessionToken(): string {
  return randomBytes(32).toString('base64url')
}

/** What the database keeps: the token's sha256, so a copy of the table signs nobody in. */
export function sessionIdFor(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}

/** Only tokens we could have made are looked up. */
export function isWellFormedToken(token: unknown): token is string {
  return typeof token === 'string' && /^[A-Za-z0-9_-]{43}$/.test(token)
}

interface SessionTimes {
  createdAt: Date
  lastSeenAt: Date
  expiresAt: Date
}

export function newSessionTimes(now: Date): SessionTimes {
  return { createdAt: now, lastSeenAt: now, expiresAt: new Date(now.getTime() + SESSION_ABSOLUTE_MS) }
}

/** Before this instant, a session last seen then has been idle too long. */
export function idleCutoff(now: Date): Date {
  return new Date(now.getTime() - SESSION_IDLE_MS)
}

/**
 * A session's use is written at most once a minute: writing it at every
 * request was a write, and a wait for the disk, on every staff page and API
 * call. So a session last used less than a minute after its recorded use
 * ends up to a minute early, never late.
 */
const SESSION_SEEN_EVERY_MS = 60 * 1000

/** Before this instant, a session's recorded use is old enough to be written again. */
export function seenAgainCutoff(now: Date): Date {
  return new Date(now.getTime() - SESSION_SEEN_EVERY_MS)
}
