/** What the email-code email reads when it is sent (src/emails/email-proof-emails.ts). */
import type { Queryable } from './db.js'
import type { Programme } from './rows.js'

/** The slug of the programme an emailed code is for, while the code has not expired; null once it has (or is gone). */
export async function findUnexpiredEmailCodeProgrammeSlug(db: Queryable, codeId: string, now: Date): Promise<Programme['slug'] | null> {
  const { rows } = await db.query<Pick<Programme, 'slug'>>(
    'SELECT p.slug FROM email_codes c JOIN programmes p ON p.id = c.programme_id WHERE c.id = $1 AND c.expires_at > $2',
    [codeId, now],
  )
  return rows[0]?.slug ?? null
}
