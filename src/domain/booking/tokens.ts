/**
 * Secret links: manage links for a booking, personal booking links in
 * invitations, and the key of a slot hold. Each is 32 random bytes in
 * base64url (43 characters); only its sha256 (hex) is stored, so a copy of
 * the database opens nothing.
 */
import { createHash, randomBytes } from 'node:crypto'

export interface IssuedToken {
  /** Goes to the person (in a link); never stored. */
  token: string
  /** sha256 of the token, hex: what the database keeps. */
  hash: string
}

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/

export function generateToken(): IssuedToken {
  const token = randomBytes(32).toString('base64url')
  return { token, hash: hashToken(token) }
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex')
}

/** True when the text has the form of a token we issue (checked before any database look-up). */
export function looksLikeToken(text: string): boolean {
  return TOKEN_PATTERN.test(text)
}
