import { describe, expect, it } from 'vitest'
import { TOTP } from 'otpauth'
import {
  decryptTotpSecret,
  encryptTotpSecret,
  newRecoveryCodes,
  newTotpSecret,
  recoveryCodeHash,
  totpCode,
  totpUri,
  verifyTotp,
} from '../../src/domain/staff/two-factor.js'

const SECRET = 'a-session-secret-of-at-least-32-characters'

describe('two-factor building blocks', () => {
  // RFC 6238 appendix B, SHA-1 key "12345678901234567890" (base32 below), 6 of its 8 digits.
  const rfcSecret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'

  it('makes the RFC 6238 codes', () => {
    expect(totpCode(rfcSecret, new Date(59_000))).toBe('287082')
    expect(totpCode(rfcSecret, new Date(1_111_111_109_000))).toBe('081804')
    expect(totpCode(rfcSecret, new Date(2_000_000_000_000))).toBe('279037')
  })

  it('accepts the current code and one step either side, nothing further', () => {
    const secret = newTotpSecret()
    const now = new Date('2026-03-02T09:00:10.000Z')
    expect(verifyTotp(secret, totpCode(secret, now), now).ok).toBe(true)
    expect(verifyTotp(secret, totpCode(secret, new Date(now.getTime() - 30_000)), now).ok).toBe(true)
    expect(verifyTotp(secret, totpCode(secret, new Date(now.getTime() + 30_000)), now).ok).toBe(true)
    expect(verifyTotp(secret, totpCode(secret, new Date(now.getTime() - 90_000)), now).ok).toBe(false)
    expect(verifyTotp(secret, '12345', now).ok).toBe(false)
    expect(verifyTotp(secret, 'abcdef', now).ok).toBe(false)
  })

  it('takes a code only once', () => {
    const secret = newTotpSecret()
    const now = new Date('2026-03-02T09:00:10.000Z')
    const code = totpCode(secret, now)
    const first = verifyTotp(secret, code, now)
    expect(first.ok).toBe(true)
    const step = first.ok ? first.step : -1
    expect(verifyTotp(secret, code, now, step).ok).toBe(false)
    const later = new Date(now.getTime() + 30_000)
    expect(verifyTotp(secret, totpCode(secret, later), later, step).ok).toBe(true)
  })

  it('gives an address an authenticator app reads', () => {
    const secret = newTotpSecret()
    const uri = totpUri(secret, 'amina.okafor@nhs.example')
    expect(uri).toMatch(/^otpauth:\/\/totp\/Career%20conversations%20\(NHS\):amina\.okafor%40nhs\.example\?/)
    expect(uri).toContain(`secret=${secret}`)
    expect(TOTP.name).toBe('TOTP')
  })

  it('makes ten different recovery codes and compares them loosely', () => {
    const codes = newRecoveryCodes()
    expect(codes).toHaveLength(10)
    expect(new Set(codes).size).toBe(10)
    for (const code of codes) expect(code).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/)
    const [code] = codes as [string]
    expect(recoveryCodeHash(` ${code.toUpperCase().replaceAll('-', ' ')} `)).toBe(recoveryCodeHash(code))
  })

  it('stores the secret encrypted, readable only with the same key', () => {
    const secret = newTotpSecret()
    const stored = encryptTotpSecret(secret, SECRET)
    expect(stored).not.toContain(secret)
    expect(encryptTotpSecret(secret, SECRET)).not.toBe(stored)
    expect(decryptTotpSecret(stored, SECRET)).toBe(secret)
    expect(() => decryptTotpSecret(stored, `${SECRET}-other`)).toThrow()
  })
})
