/**
 * Sealed state: a small JSON object kept by the browser in a cookie,
 * encrypted and authenticated with AES-256-GCM, so the person's answers
 * (name, email, phone, accessibility needs) are neither readable nor
 * changeable by anyone holding the cookie, and it stops working at a set time.
 *
 * The key is derived from SESSION_SECRET with HKDF, one key per purpose (the
 * booking journey, changing a booking), and the purpose is bound in as
 * associated data: a sealed value made for one purpose never opens as another.
 *
 * Format: base64url( 12-byte IV | 16-byte tag | ciphertext of deflateRaw(JSON) ).
 * The JSON carries its own expiry (`exp`, epoch ms from the injected clock),
 * checked when it is opened, whatever the browser does with the cookie's Max-Age.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto'
import { deflateRawSync, inflateRawSync } from 'node:zlib'

/** Longest sealed value we set: with the cookie's name and attributes, under the 4096 bytes browsers keep. */
const MAX_SEALED_LENGTH = 3800

const IV_BYTES = 12
const TAG_BYTES = 16

export class SealedStateTooLargeError extends Error {
  constructor(readonly length: number) {
    super(`Sealed state of ${length} characters is over ${MAX_SEALED_LENGTH}`)
    this.name = 'SealedStateTooLargeError'
  }
}

export class SealedBox {
  private readonly key: Buffer
  private readonly aad: Buffer

  constructor(secret: string, readonly purpose: string) {
    if (secret.length < 32) throw new RangeError('The secret must be at least 32 characters')
    this.key = Buffer.from(hkdfSync('sha256', secret, 'career-conversations sealed state', `purpose:${purpose}`, 32))
    this.aad = Buffer.from(purpose, 'utf8')
  }

  /** Seals `payload` until `expiresAt`; throws SealedStateTooLargeError when it would not fit in a cookie. */
  seal(payload: object, expiresAt: Date): string {
    const plain = deflateRawSync(Buffer.from(JSON.stringify({ exp: expiresAt.getTime(), data: payload }), 'utf8'))
    const iv = randomBytes(IV_BYTES)
    const cipher = createCipheriv('aes-256-gcm', this.key, iv)
    cipher.setAAD(this.aad)
    const encrypted = Buffer.concat([cipher.update(plain), cipher.final()])
    const sealed = Buffer.concat([iv, cipher.getAuthTag(), encrypted]).toString('base64url')
    if (sealed.length > MAX_SEALED_LENGTH) throw new SealedStateTooLargeError(sealed.length)
    return sealed
  }

  /** The payload, or null when the value is missing, was changed, was sealed for another purpose or has expired. */
  open(sealed: string | undefined | null, now: Date): unknown {
    if (typeof sealed !== 'string' || sealed.length === 0 || sealed.length > MAX_SEALED_LENGTH) return null
    if (!/^[A-Za-z0-9_-]+$/.test(sealed)) return null
    const bytes = Buffer.from(sealed, 'base64url')
    if (bytes.length <= IV_BYTES + TAG_BYTES) return null
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, bytes.subarray(0, IV_BYTES))
      decipher.setAAD(this.aad)
      decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES))
      const plain = Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()])
      const parsed = JSON.parse(inflateRawSync(plain, { maxOutputLength: 64 * 1024 }).toString('utf8')) as unknown
      if (typeof parsed !== 'object' || parsed === null) return null
      const { exp, data } = parsed as { exp?: unknown; data?: unknown }
      if (typeof exp !== 'number' || exp <= now.getTime()) return null
      return data ?? null
    } catch {
      return null
    }
  }
}
