/**
 * What the invitation email reads (src/emails/invitation-email.ts), when it is sent: the invitation and its
 * programme as they are then.
 */
import type { Queryable } from './db.js'
import type { Invitation, Programme } from './rows.js'

export type InvitationForEmail = Pick<Invitation, 'id' | 'name' | 'email' | 'expiresAt'> & {
  programme: Pick<Programme, 'name' | 'durationMinutes'>
}

/** The invitation with its programme; null when there is none (erased). */
export async function findInvitationForEmail(db: Queryable, invitationId: string): Promise<InvitationForEmail | null> {
  const { rows } = await db.query<Omit<InvitationForEmail, 'programme'> & { programmeName: Programme['name']; durationMinutes: Programme['durationMinutes'] }>(
    `SELECT i.id, i.name, i.email, i.expires_at AS "expiresAt", p.name AS "programmeName", p.duration_minutes AS "durationMinutes"
       FROM invitations i JOIN programmes p ON p.id = i.programme_id WHERE i.id = $1`,
    [invitationId],
  )
  const row = rows[0]
  if (!row) return null
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    expiresAt: row.expiresAt,
    programme: { name: row.programmeName, durationMinutes: row.durationMinutes },
  }
}
