import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes, randomInt } from 'node:crypto'
import { Secret, TOTP } from 'otpauth'
import QRCode from 'qrcode'

/**
 * Two-factor sign-in with an authenticator app (TOTP, RFC 6238: 6 digits,
 * 30 seconds, SHA-1, which every app supports), and single-use recovery
 * codes: the building blocks. Storage and the sign-in steps are in
 * two-factor-service.ts and sign-in.ts (see README.md in this folder).
 */

const TOTP_PERIOD_SECONDS = 30
const TOTP_ISSUER = 'Career conversations (NHS)'
/** One step either side: a phone clock a little out, or a code typed as it changed. */
const WINDOW = 1

/** A new shared secret, base32 (what the app's QR code carries). */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32
}

function totpFor(secret: string, accountName = 'staff'): TOTP {
  return new TOTP({
    issuer: TOTP_ISSUER,
    label: accountName,
    algorithm: 'SHA1',
    digits: 6,
    period: TOTP_PERIOD_SECONDS,
    secret: Secret.fromBase32(secret),
  })
}

/** The otpauth:// address for the QR code an authenticator app scans. */
export function totpUri(secret: string, accountName: string): string {
  return totpFor(secret, accountName).toString()
}

/** The code an app shows at `now` (for tests and for checking a set-up). */
export function totpCode(secret: string, now: Date): string {
  return totpFor(secret).generate({ timestamp: now.getTime() })
}

type TotpCheck = { ok: true; step: number } | { ok: false }

/**
 * Checks a 6-digit code at `now`. A code is good once: `lastUsedStep` (the
 * step of the last code accepted for this person) and any earlier step are
 * refused, so a code seen over someone's shoulder cannot be replayed.
 */
export function verifyTotp(secret: string, code: string, now: Date, lastUsedStep: number | null = null): TotpCheck {
  const token = code.replace(/\s+/g, '')
  if (!/^[0-9]{6}$/.test(token)) return { ok: false }
  const totp = totpFor(secret)
  const delta = totp.validate({ token, timestamp: now.getTime(), window: WINDOW })
  if (delta === null) return { ok: false }
  const step = totp.counter({ timestamp: now.getTime() }) + delta
  if (lastUsedStep !== null && step <= lastUsedStep) return { ok: false }
  return { ok: true, step }
}

const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789'

/** Ten single-use codes like "k7m2-p9qx-4hte", shown once; store only their hashes. */
export function newRecoveryCodes(count = 10): string[] {
  return Array.from({ length: count }, () =>
    Array.from({ length: 3 }, () =>
      Array.from({ length: 4 }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]).join(''),
    ).join('-'),
  )
}

/** Case, spaces and dashes do not matter when a code is typed back. */
export function recoveryCodeHash(code: string): string {
  return createHash('sha256').update(code.toLowerCase().replace(/[^a-z0-9]/g, '')).digest('hex')
}

/**
 * The TOTP secret is needed in clear to check codes, so it is stored
 * encrypted (AES-256-GCM) with a key derived from SESSION_SECRET: a copy of
 * the database alone does not give anyone's second factor.
 *
 * Rotation: the key comes from SESSION_SECRET alone, so changing that
 * setting makes every stored secret unreadable. Codes from apps then fail
 * (they are never taken as "not set up"); people sign in with a recovery
 * code or an admin resets their two-factor, and they set up their app again.
 * The "v1" prefix leaves room for a key id if rotation with old keys is needed.
 */
function keyFrom(sessionSecret: string, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', sessionSecret, 'career-conversations', purpose, 32))
}

/** Encrypts text for one purpose (a key of its own per purpose): "v1.<iv>.<ciphertext>.<tag>", base64url. */
export function seal(text: string, sessionSecret: string, purpose: string): string {
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', keyFrom(sessionSecret, purpose), iv)
  const sealed = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()])
  return ['v1', iv.toString('base64url'), sealed.toString('base64url'), cipher.getAuthTag().toString('base64url')].join('.')
}

/** The text `seal` encrypted; throws when it was changed, or sealed with another key or purpose. */
export function unseal(stored: string, sessionSecret: string, purpose: string): string {
  const [version, iv, sealed, tag, ...rest] = stored.split('.')
  if (version !== 'v1' || !iv || !sealed || !tag || rest.length > 0) throw new Error('Unknown format of sealed text')
  const decipher = createDecipheriv('aes-256-gcm', keyFrom(sessionSecret, purpose), Buffer.from(iv, 'base64url'))
  decipher.setAuthTag(Buffer.from(tag, 'base64url'))
  return Buffer.concat([decipher.update(Buffer.from(sealed, 'base64url')), decipher.final()]).toString('utf8')
}

export function encryptTotpSecret(secret: string, sessionSecret: string): string {
  return seal(secret, sessionSecret, 'totp-secret')
}

export function decryptTotpSecret(stored: string, sessionSecret: string): string {
  return unseal(stored, sessionSecret, 'totp-secret')
}

/** "JBSW Y3DP EHPK 3PXP ...": the secret in groups of four, for typing into an app by hand. */
export function formatTotpSecret(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, '$1 ')
}

/** A QR code of the otpauth:// address, as a PNG data: URL for an <img> (the CSP allows img data:). */
export function totpQrCodeDataUrl(uri: string): Promise<string> {
  return QRCode.toDataURL(uri, { errorCorrectionLevel: 'M', margin: 2, width: 240 })
}

/** Six digits, spaces allowed ("123 456"): an app's code rather than a recovery code. */
export function looksLikeTotpCode(code: string): boolean {
  return /^[0-9]{6}$/.test(code.replace(/\s+/g, ''))
}
