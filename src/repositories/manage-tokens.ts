/** Manage links of bookings: only the sha256 of each token is stored. */
import type { Queryable } from './db.js'
import { prepared } from './db.js'

/** A manage link's row: the booking, the sha256 of its token, when it stops working, when it was made. */
export interface ManageTokenRecord {
  bookingId: string
  tokenHash: string
  expiresAt: Date
  now: Date
}

export async function insertManageToken(db: Queryable, token: ManageTokenRecord): Promise<void> {
  await db.query(
    prepared(
      'insert-manage-token',
      `INSERT INTO booking_manage_tokens (booking_id, token_hash, expires_at, created_at) VALUES ($1, $2, $3, $4)`,
      [token.bookingId, token.tokenHash, token.expiresAt, token.now],
    ),
  )
}

/** True when this hash is an unexpired manage link of this very booking. */
export async function isManageTokenFor(db: Queryable, bookingId: string, tokenHash: string, now: Date): Promise<boolean> {
  const { rows } = await db.query(
    `SELECT 1 FROM booking_manage_tokens WHERE token_hash = $1 AND booking_id = $2 AND expires_at > $3`,
    [tokenHash, bookingId, now],
  )
  return rows.length > 0
}

/** The booking an unexpired manage link opens (for the manage page, which has only the token). */
export async function findBookingIdByManageToken(db: Queryable, tokenHash: string, now: Date): Promise<string | null> {
  const { rows } = await db.query<{ bookingId: string }>(
    `SELECT booking_id AS "bookingId" FROM booking_manage_tokens WHERE token_hash = $1 AND expires_at > $2`,
    [tokenHash, now],
  )
  return rows[0]?.bookingId ?? null
}

/** When a booking moves, its links move with it: each expires no earlier than `expiresAt`. */
export async function extendManageTokens(db: Queryable, bookingId: string, expiresAt: Date): Promise<void> {
  await db.query(
    `UPDATE booking_manage_tokens SET expires_at = GREATEST(expires_at, $2) WHERE booking_id = $1`,
    [bookingId, expiresAt],
  )
}

/** Ends every manage link of the booking ("get a new link": the new one is made next). */
export async function endManageTokens(db: Queryable, bookingId: string): Promise<void> {
  await db.query('DELETE FROM booking_manage_tokens WHERE booking_id = $1', [bookingId])
}
