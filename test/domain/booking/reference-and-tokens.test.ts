import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import {
  generateBookingReference,
  isBookingReference,
  normaliseBookingReference,
  REFERENCE_ALPHABET,
} from '../../../src/domain/booking/reference.js'
import { generateToken, hashToken, looksLikeToken } from '../../../src/domain/booking/tokens.js'
import { isManageTokenUsable, manageLinkExpiry, manageUrl } from '../../../src/domain/booking/manage-link.js'

describe('booking references', () => {
  it('look like CC-7KQ2M9 and use no look-alike characters', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(), { minLength: 6, maxLength: 6 }), (picks) => {
        let i = 0
        const reference = generateBookingReference((n) => picks[i++]! % n)
        expect(reference).toMatch(/^CC-[2-9A-HJKMNP-TV-Z]{6}$/)
        expect(isBookingReference(reference)).toBe(true)
      }),
    )
    for (const lookalike of ['0', 'O', '1', 'I', 'L', 'U']) expect(REFERENCE_ALPHABET).not.toContain(lookalike)
    expect(REFERENCE_ALPHABET).toHaveLength(30)
  })

  it('are random', () => {
    const references = new Set(Array.from({ length: 1000 }, () => generateBookingReference()))
    expect(references.size).toBeGreaterThan(995)
  })

  it('are read back forgivingly from what a person typed', () => {
    expect(normaliseBookingReference(' cc-7kq2m9 ')).toBe('CC-7KQ2M9')
    expect(normaliseBookingReference('7KQ 2M9')).toBe('CC-7KQ2M9')
    expect(normaliseBookingReference('CC7KQ2M9')).toBe('CC-7KQ2M9')
    expect(normaliseBookingReference('CC-7KQ2MO')).toBeNull()
    expect(normaliseBookingReference('CC-7KQ2M')).toBeNull()
  })
})

describe('secret link tokens', () => {
  it('are 32 random bytes in base64url, kept only as their sha256', () => {
    const { token, hash } = generateToken()
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(Buffer.from(token, 'base64url')).toHaveLength(32)
    expect(hash).toBe(hashToken(token))
    expect(hash).toMatch(/^[0-9a-f]{64}$/)
    expect(generateToken().token).not.toBe(token)
    expect(looksLikeToken(token)).toBe(true)
    expect(looksLikeToken(`${token}x`)).toBe(false)
    expect(looksLikeToken('a b')).toBe(false)
  })

  it('make manage links that expire 14 days after the conversation ends', () => {
    const end = new Date('2026-03-03T09:45:00.000Z')
    const expiresAt = manageLinkExpiry(end)
    expect(expiresAt.toISOString()).toBe('2026-03-17T09:45:00.000Z')
    expect(isManageTokenUsable({ expiresAt }, new Date('2026-03-17T09:44:59.999Z'))).toBe(true)
    expect(isManageTokenUsable({ expiresAt }, expiresAt)).toBe(false)
    expect(manageUrl('https://cc.example/', 'abc')).toBe('https://cc.example/bookings/manage/abc')
  })
})
