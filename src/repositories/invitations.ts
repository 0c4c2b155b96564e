/** Invitations to book: the personal booking link is stored as a sha256 hash. */
import type { Queryable } from './db.js'
import { prepared } from './db.js'
import type { Invitation, InvitationStatus } from './rows.js'

export type { InvitationStatus } from './rows.js'

export type InvitationRecord = Pick<
  Invitation,
  'id' | 'programmeId' | 'name' | 'email' | 'phone' | 'note' | 'status' | 'createdAt' | 'expiresAt'
>

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
  await db.query(prepared('set-invitation-status', 'UPDATE invitations SET status = $2, updated_at = $3 WHERE id = $1', [id, status, now]))
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

/*
 * For the programme team's invitation pages and API (src/domain/invitations).
 * The stored status stays `sent` when an invitation runs out: `expired` is
 * worked out from expires_at when reading (effectiveStatusSql).
 */

/** An expired invitation's address can be invited again: marks its live-but-expired invitation `expired`. */
export async function expireInvitationsFor(db: Queryable, programmeId: string, email: string, now: Date): Promise<void> {
  await db.query(
    `UPDATE invitations SET status = 'expired', updated_at = $3
      WHERE programme_id = $1 AND email = $2 AND status = 'sent' AND expires_at <= $3`,
    [programmeId, email, now],
  )
}

/** Which of these (lower-case) addresses have a live invitation for the programme: booked, or sent and not expired. */
export async function findLiveInvitationEmails(db: Queryable, programmeId: string, emails: readonly string[], now: Date): Promise<Set<string>> {
  if (emails.length === 0) return new Set()
  const { rows } = await db.query<{ email: string }>(
    `SELECT email FROM invitations
      WHERE programme_id = $1 AND email = ANY($2::text[])
        AND (status = 'booked' OR (status = 'sent' AND expires_at > $3))`,
    [programmeId, [...emails], now],
  )
  return new Set(rows.map((row) => row.email))
}

export interface InvitationListing extends Omit<InvitationRecord, 'programmeId'> {
  programme: { id: string; slug: string; name: string }
  /** When SMTP accepted the invitation email; null while it is waiting (or failed). */
  emailSentAt: Date | null
}

interface InvitationListFilter {
  now: Date
  status?: InvitationStatus
  programmeId?: string
  id?: string
  limit: number
  offset: number
}

/** The status of `invitations i` at the instant in parameter `now` (e.g. '$1'). */
export const effectiveStatusSql = (now: string) =>
  `CASE WHEN i.status = 'sent' AND i.expires_at <= ${now} THEN 'expired' ELSE i.status::text END`

/** Invitations, newest first, with their status as it is at `now` (`expired` once past expires_at). */
export async function listInvitations(db: Queryable, filter: InvitationListFilter): Promise<{ invitations: InvitationListing[]; total: number }> {
  const values: unknown[] = [filter.now]
  const where: string[] = []
  if (filter.status) {
    values.push(filter.status)
    where.push(`${effectiveStatusSql('$1')} = $${values.length}`)
  }
  if (filter.programmeId) {
    values.push(filter.programmeId)
    where.push(`i.programme_id = $${values.length}::uuid`)
  }
  if (filter.id) {
    values.push(filter.id)
    where.push(`i.id = $${values.length}::uuid`)
  }
  const whereSql = where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''
  values.push(filter.limit, filter.offset)
  const { rows } = await db.query<InvitationListing & { programmeId: string; programmeSlug: string; programmeName: string; total: number }>(
    `SELECT i.id, i.name, i.email, i.phone, i.note, ${effectiveStatusSql('$1')} AS status,
            i.created_at AS "createdAt", i.expires_at AS "expiresAt",
            p.id AS "programmeId", p.slug AS "programmeSlug", p.name AS "programmeName",
            d.sent_at AS "emailSentAt", count(*) OVER ()::int AS total
       FROM invitations i
       JOIN programmes p ON p.id = i.programme_id
       LEFT JOIN email_deliveries d ON d.dedupe_key = 'invitation:' || i.id::text AND d.status = 'sent'
       ${whereSql}
      ORDER BY i.created_at DESC, i.id
      LIMIT $${values.length - 1} OFFSET $${values.length}`,
    values,
  )
  const total = rows[0]?.total ?? (filter.offset > 0 ? await countInvitations(db, filter) : 0)
  return {
    total,
    invitations: rows.map(({ programmeId, programmeSlug, programmeName, total: _total, ...row }) => ({
      ...row,
      programme: { id: programmeId, slug: programmeSlug, name: programmeName },
    })),
  }
}

async function countInvitations(db: Queryable, filter: InvitationListFilter): Promise<number> {
  const { total } = await listInvitations(db, { ...filter, limit: 1, offset: 0 })
  return total
}
