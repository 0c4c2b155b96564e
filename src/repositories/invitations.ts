/** Invitations to book: the personal booking link is stored as a sha256 hash. */
import type { Queryable } from './db.js'

export type InvitationStatus = 'sent' | 'booked' | 'expired' | 'withdrawn'

export interface InvitationRecord {
  id: string
  programmeId: string
  name: string
  email: string
  phone: string | null
  note: string | null
  status: InvitationStatus
  createdAt: Date
  expiresAt: Date
}

const COLUMNS = `id, programme_id AS "programmeId", name, email, phone, note, status,
                 created_at AS "createdAt", expires_at AS "expiresAt"`

export async function findInvitationByTokenHash(
  db: Queryable,
  tokenHash: string,
  { lock = false } = {},
): Promise<InvitationRecord | null> {
  const { rows } = await db.query<InvitationRecord>(
    `SELECT ${COLUMNS} FROM invitations WHERE token_hash = $1 ${lock ? 'FOR UPDATE' : ''}`,
    [tokenHash],
  )
  return rows[0] ?? null
}

export async function findInvitation(db: Queryable, id: string, { lock = false } = {}): Promise<InvitationRecord | null> {
  const { rows } = await db.query<InvitationRecord>(`SELECT ${COLUMNS} FROM invitations WHERE id = $1 ${lock ? 'FOR UPDATE' : ''}`, [id])
  return rows[0] ?? null
}

/** Adds an invitation; fails with 23505 (invitations_one_live_per_email) when the address already has a live one. */
export async function insertInvitation(
  db: Queryable,
  invitation: {
    programmeId: string
    name: string
    email: string
    phone: string | null
    note: string | null
    tokenHash: string
    createdById: string | null
    now: Date
    expiresAt: Date
  },
): Promise<InvitationRecord> {
  const { rows } = await db.query<InvitationRecord>(
    `INSERT INTO invitations (programme_id, name, email, phone, note, token_hash, created_by_id, created_at, updated_at, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, $9)
     RETURNING ${COLUMNS}`,
    [
      invitation.programmeId,
      invitation.name,
      invitation.email,
      invitation.phone,
      invitation.note,
      invitation.tokenHash,
      invitation.createdById,
      invitation.now,
      invitation.expiresAt,
    ],
  )
  return rows[0]!
}

export async function setInvitationStatus(db: Queryable, id: string, status: InvitationStatus, now: Date): Promise<void> {
  await db.query('UPDATE invitations SET status = $2, updated_at = $3 WHERE id = $1', [id, status, now])
}

/** After its booking is cancelled, a booked invitation can be used again. */
export async function reopenInvitation(db: Queryable, id: string, now: Date): Promise<void> {
  await db.query(`UPDATE invitations SET status = 'sent', updated_at = $2 WHERE id = $1 AND status = 'booked'`, [id, now])
}

/** Gives a usable (sent, unexpired) invitation a new link; false when it cannot be used to book. */
export async function replaceInvitationToken(db: Queryable, id: string, tokenHash: string, now: Date): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE invitations SET token_hash = $2, updated_at = $3 WHERE id = $1 AND status = 'sent' AND expires_at > $3`,
    [id, tokenHash, now],
  )
  return (rowCount ?? 0) > 0
}
