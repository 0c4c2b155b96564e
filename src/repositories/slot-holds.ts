/** Slot holds: a time kept for one candidate for a few minutes. */
import type { Queryable } from './db.js'
import { prepared } from './db.js'
import type { SlotHold } from './rows.js'

type SlotHoldRecord = Pick<SlotHold, 'id' | 'programmeId' | 'coachId' | 'startsAt' | 'endsAt' | 'expiresAt' | 'createdAt'>

const COLUMNS = `id, programme_id AS "programmeId", coach_id AS "coachId", starts_at AS "startsAt",
                 ends_at AS "endsAt", expires_at AS "expiresAt", created_at AS "createdAt"`

/** The holder's unexpired hold, if any. */
export async function findHold(db: Queryable, holderKeyHash: string, now: Date): Promise<SlotHoldRecord | null> {
  const { rows } = await db.query<SlotHoldRecord>(
    prepared('find-hold', `SELECT ${COLUMNS} FROM slot_holds WHERE holder_key_hash = $1 AND expires_at > $2`, [holderKeyHash, now]),
  )
  return rows[0] ?? null
}

/** Ends the holder's hold (they booked, or picked another time). */
export async function releaseHold(db: Queryable, holderKeyHash: string): Promise<void> {
  await db.query(prepared('release-hold', 'DELETE FROM slot_holds WHERE holder_key_hash = $1', [holderKeyHash]))
}

/** Clears a coach's expired holds, which still count for the no-overlap constraint until they are gone. */
export async function deleteExpiredHolds(db: Queryable, coachId: string, now: Date): Promise<void> {
  await db.query('DELETE FROM slot_holds WHERE coach_id = $1 AND expires_at <= $2', [coachId, now])
}

/** Adds a hold; fails with 23P01 when another unexpired hold of the coach overlaps it. */
export async function insertHold(
  db: Queryable,
  hold: {
    programmeId: string
    coachId: string
    holderKeyHash: string
    startsAt: Date
    endsAt: Date
    expiresAt: Date
    now: Date
    /** HMAC of the client address (uninvited holds), or the invitation the hold counts against. */
    clientKey?: string | null
    invitationId?: string | null
  },
): Promise<SlotHoldRecord> {
  const { rows } = await db.query<SlotHoldRecord>(
    `INSERT INTO slot_holds (programme_id, coach_id, holder_key_hash, starts_at, ends_at, expires_at, created_at, client_key, invitation_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     RETURNING ${COLUMNS}`,
    [hold.programmeId, hold.coachId, hold.holderKeyHash, hold.startsAt, hold.endsAt, hold.expiresAt, hold.now, hold.clientKey ?? null, hold.invitationId ?? null],
  )
  return rows[0]!
}

/** Housekeeping (the hourly purge-slot-holds job): removes every expired hold; returns how many. */
export async function purgeExpiredHolds(db: Queryable, now: Date): Promise<number> {
  const { rowCount } = await db.query('DELETE FROM slot_holds WHERE expires_at <= $1', [now])
  return rowCount ?? 0
}

/** Ends every hold of this invitation but the holder's own (one live hold per invitation). */
export async function releaseInvitationHolds(db: Queryable, invitationId: string, exceptHolderKeyHash: string): Promise<void> {
  await db.query('DELETE FROM slot_holds WHERE invitation_id = $1 AND holder_key_hash <> $2', [invitationId, exceptHolderKeyHash])
}

/**
 * Takes the address's lock until the transaction ends, then reads its live
 * uninvited holds on the programme (other than the holder's own), soonest to
 * expire first: two holds at once from one address are counted in turn.
 */
export async function lockAndListAddressHolds(
  db: Queryable,
  query: { clientKey: string; programmeId: string; exceptHolderKeyHash: string; now: Date },
): Promise<Date[]> {
  await db.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`holds:${query.clientKey}`])
  const { rows } = await db.query<{ expiresAt: Date }>(
    `SELECT expires_at AS "expiresAt" FROM slot_holds
      WHERE client_key = $1 AND programme_id = $2 AND invitation_id IS NULL AND holder_key_hash <> $3 AND expires_at > $4
      ORDER BY expires_at`,
    [query.clientKey, query.programmeId, query.exceptHolderKeyHash, query.now],
  )
  return rows.map((row) => row.expiresAt)
}

/** Keeps the holder's live hold for longer: `expiresAt`, but never past `latest` after it began. */
export async function extendHold(db: Queryable, holderKeyHash: string, until: { expiresAt: Date; maxMinutes: number; now: Date }): Promise<SlotHoldRecord | null> {
  const { rows } = await db.query<SlotHoldRecord>(
    `UPDATE slot_holds SET expires_at = GREATEST(expires_at, LEAST($2, created_at + make_interval(mins => $3)))
      WHERE holder_key_hash = $1 AND expires_at > $4
      RETURNING ${COLUMNS}`,
    [holderKeyHash, until.expiresAt, until.maxMinutes, until.now],
  )
  return rows[0] ?? null
}
