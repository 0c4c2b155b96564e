/**
 * Idempotency-Key: a client that retries a request with the same key gets the
 * first successful answer again instead of a second booking.
 *
 * - The request is recognised by a fingerprint: sha256 of its body with keys
 *   sorted, so the order of fields does not matter.
 * - The same key with a different body is refused (422 idempotency_key_reused).
 * - Only successful answers are kept: a refused request (409, 400) keeps no
 *   key, and a retry is tried afresh.
 * - A key is kept for IDEMPOTENCY_KEY_HOURS, then may be used again.
 */
import { createHash } from 'node:crypto'
import { canonicalJson } from '../canonical-json.js'

export const IDEMPOTENCY_KEY_HOURS = 24

export function requestFingerprint(body: unknown): string {
  return createHash('sha256').update(canonicalJson(body)).digest('hex')
}

