/**
 * Erasure: removes one person's records by id. Deleting a booking
 * removes, through its foreign keys, its history, manage links, preparation,
 * notes and addenda, actions and their changes, outcome and idempotency
 * answers; emails and invitations go by id. The audit log is append-only and
 * names people by id only: it stays.
 */
import type { Queryable } from './db.js'

export async function deleteEmailDeliveries(db: Queryable, ids: readonly string[]): Promise<number> {
  const { rowCount } = await db.query('DELETE FROM email_deliveries WHERE id = ANY($1::uuid[])', [ids])
  return rowCount ?? 0
}

export async function deleteIdempotencyAnswers(db: Queryable, ids: readonly string[]): Promise<number> {
  const { rowCount } = await db.query('DELETE FROM idempotency_keys WHERE id = ANY($1::uuid[])', [ids])
  return rowCount ?? 0
}

export async function deleteBookings(db: Queryable, ids: readonly string[]): Promise<number> {
  const { rowCount } = await db.query('DELETE FROM bookings WHERE id = ANY($1::uuid[])', [ids])
  return rowCount ?? 0
}

export async function deleteInvitations(db: Queryable, ids: readonly string[]): Promise<number> {
  const { rowCount } = await db.query('DELETE FROM invitations WHERE id = ANY($1::uuid[])', [ids])
  return rowCount ?? 0
}
