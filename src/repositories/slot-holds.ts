/** Slot holds: a time kept for one candidate for a few minutes. */
import type { Queryable } from './db.js'

export interface SlotHoldRecord {
  id: string
  programmeId: string
  coachId: string
  startsAt: Date
  endsAt: Date
  expiresAt: Date
}

const COLUMNS = `id, programme_id AS "programmeId", coach_id AS "coachId", starts_at AS "startsAt",
                 ends_at AS "endsAt", expires_at AS "expiresAt"`

/** The holder's unexpired hold, if any. */
export async function findHold(db: Queryable, holderKeyHash: string, now: Date): Promise<SlotHoldRecord | null> {
  const { rows } = await db.query<SlotHoldRecord>(
    `SELECT ${COLUMNS} FROM slot_holds WHERE holder_key_hash = $1 AND expires_at > $2`,
    [holderKeyHash, now],
  )
  return rows[0] ?? null
}

/** Ends the holder's hold (they booked, or picked another time). */
export async function releaseHold(db: Queryable, holderKeyHash: string): Promise<void> {
  await db.query('DELETE FROM slot_holds WHERE holder_key_hash = $1', [holderKeyHash])
}

/** Clears a coach's expired holds, which still count for the no-overlap constraint until they are gone. */
export async function deleteExpiredHolds(db: Queryable, coachId: string, now: Date): Promise<void> {
  await db.query('DELETE FROM slot_holds WHERE coach_id = $1 AND expires_at <= $2', [coachId, now])
}

/** Adds a hold; fails with 23P01 when another unexpired hold of the coach overlaps it. */
export async function insertHold(
  db: Queryable,
  hold: { programmeId: string; coachId: string; holderKeyHash: string; startsAt: Date; endsAt: Date; expiresAt: Date; now: Date },
): Promise<SlotHoldRecord> {
  const { rows } = await db.query<SlotHoldRecord>(
    `INSERT INTO slot_holds (programme_id, coach_id, holder_key_hash, starts_at, ends_at, expires_at, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     RETURNING ${COLUMNS}`,
    [hold.programmeId, hold.coachId, hold.holderKeyHash, hold.startsAt, hold.endsAt, hold.expiresAt, hold.now],
  )
  return rows[0]!
}

/** Housekeeping (the hourly purge-slot-holds job): removes every expired hold; returns how many. */
export async function purgeExpiredHolds(db: Queryable, now: Date): Promise<number> {
  const { rowCount } = await db.query('DELETE FROM slot_holds WHERE expires_at <= $1', [now])
  return rowCount ?? 0
}
