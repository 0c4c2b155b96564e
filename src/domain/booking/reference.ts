/**
 * Booking references, like "CC-7KQ2M9": what a candidate quotes on the phone.
 *
 * Six characters from an alphabet without look-alikes (no 0/O, 1/I/L, and no
 * U, which reads as V): 30^6, about 729 million references. They are random,
 * not a count, so they say nothing about how many bookings there are. The
 * database keeps them unique; on the rare clash the service draws again.
 */
import { randomInt } from 'node:crypto'

export const REFERENCE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ'
export const REFERENCE_LENGTH = 6
export const REFERENCE_PREFIX = 'CC-'

const REFERENCE_PATTERN = new RegExp(`^${REFERENCE_PREFIX}[${REFERENCE_ALPHABET}]{${REFERENCE_LENGTH}}$`)

/** `randomIndex(n)` gives a whole number in [0, n); the default is crypto-random. */
export function generateBookingReference(randomIndex: (n: number) => number = randomInt): string {
  let code = ''
  for (let i = 0; i < REFERENCE_LENGTH; i++) code += REFERENCE_ALPHABET[randomIndex(REFERENCE_ALPHABET.length)]
  return `${REFERENCE_PREFIX}${code}`
}

/** True for a well-formed reference (exact form, upper case). */
export function isBookingReference(text: string): boolean {
  return REFERENCE_PATTERN.test(text)
}

/**
 * What a person typed → the reference, or null: spaces and case are forgiven,
 * and the look-alikes they might read off a screen are mapped (O→0 is not in
 * the alphabet, so O, I and L cannot be meant; they make it invalid).
 */
export function normaliseBookingReference(text: string): string | null {
  const compact = text.replace(/\s+/g, '').toUpperCase()
  const withPrefix = compact.startsWith(REFERENCE_PREFIX) ? compact : `${REFERENCE_PREFIX}${compact.replace(/^CC/, '')}`
  return isBookingReference(withPrefix) ? withPrefix : null
}
