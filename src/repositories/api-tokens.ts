/** API tokens of other systems (domain/integrations/api-tokens.ts): only each token's sha256 is kept. */
import type { Queryable } from './db.js'
import type { ApiToken } from './rows.js'

export type ApiTokenRecord = Pick<
  ApiToken,
  'id' | 'name' | 'scopes' | 'createdBy' | 'createdAt' | 'expiresAt' | 'revokedAt' | 'lastUsedAt' | 'lastUsedIp'
>

const COLUMNS = `id, name, scopes, created_by AS "createdBy", created_at AS "createdAt", expires_at AS "expiresAt",
  revoked_at AS "revokedAt", last_used_at AS "lastUsedAt", last_used_ip AS "lastUsedIp"`

export async function insertApiToken(
  db: Queryable,
  token: { name: string; tokenHash: string; scopes: string[]; createdBy: string; now: Date; expiresAt: Date },
): Promise<ApiTokenRecord> {
  const { rows } = await db.query<ApiTokenRecord>(
    `INSERT INTO api_tokens (name, token_hash, scopes, created_by, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${COLUMNS}`,
    [token.name, token.tokenHash, token.scopes, token.createdBy, token.now, token.expiresAt],
  )
  return rows[0]!
}

/** Every token, newest first (revoked and expired ones too, for the record). */
export async function listApiTokens(db: Queryable): Promise<ApiTokenRecord[]> {
  const { rows } = await db.query<ApiTokenRecord>(`SELECT ${COLUMNS} FROM api_tokens ORDER BY created_at DESC, id`)
  return rows
}

export async function revokeApiTokenRow(db: Queryable, id: string, now: Date): Promise<ApiTokenRecord | null> {
  const { rows } = await db.query<ApiTokenRecord>(
    `UPDATE api_tokens SET revoked_at = COALESCE(revoked_at, $2) WHERE id = $1 RETURNING ${COLUMNS}`,
    [id, now],
  )
  return rows[0] ?? null
}

/** The live token with this hash, marked used now from `ip`; null when there is none (unknown, revoked or expired). */
export async function useApiToken(db: Queryable, tokenHash: string, ip: string, now: Date): Promise<ApiTokenRecord | null> {
  const { rows } = await db.query<ApiTokenRecord>(
    `UPDATE api_tokens SET last_used_at = $3, last_used_ip = $2
      WHERE token_hash = $1 AND revoked_at IS NULL AND expires_at > $3
      RETURNING ${COLUMNS}`,
    [tokenHash, ip, now],
  )
  return rows[0] ?? null
}
