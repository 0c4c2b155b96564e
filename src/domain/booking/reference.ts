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
const REFERENCE_LENGTH = 6
const REFERENCE_PREFIX = 'CC-'

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

/** What a person typed ("cc 7kq2m9", "7KQ2M9") → the reference, or null when it cannot be one. */
export function normaliseBookingReference(text: string): string | null {
  const compact = text.replace(/[\s-]+/g, '').toUpperCase()
  const code = compact.length === REFERENCE_LENGTH + 2 && compact.startsWith('CC') ? compact.slice(2) : compact
  const reference = `${REFERENCE_PREFIX}${code}`
  return isBookingReference(reference) ? reference : null
}
