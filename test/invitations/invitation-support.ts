/** Helpers for the invitation tests: multipart bodies, the link in an email, rows of the audit log. */
import { randomBytes } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import type { ReceivedEmail } from '../support/smtp.js'

/** A multipart/form-data body as a browser sends it: the fields in order, then the file. */
export function multipartForm(
  fields: Record<string, string>,
  file?: { field?: string; name: string; content: string | Uint8Array; type?: string },
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----career-conversations-${randomBytes(8).toString('hex')}`
  const parts: Buffer[] = []
  for (const [name, value] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`))
  }
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${file.field ?? 'file'}"; filename="${file.name}"\r\n` +
          `Content-Type: ${file.type ?? 'text/csv'}\r\n\r\n`,
      ),
      Buffer.from(file.content),
      Buffer.from('\r\n'),
    )
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`))
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } }
}

/** The personal booking link's token in an invitation email (text and HTML parts must agree). */
export function invitationTokenIn(email: ReceivedEmail, publicUrl: string): string {
  const pattern = new RegExp(`${publicUrl.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}/invitations/([A-Za-z0-9_-]{43})`)
  const inText = email.parsed.text?.match(pattern)?.[1]
  const inHtml = email.parsed.html?.match(pattern)?.[1]
  if (!inText || inText !== inHtml) throw new Error(`no single booking link in the email (text ${inText}, html ${inHtml})`)
  return inText
}

export interface AuditRow {
  actor: string
  action: string
  subject_type: string | null
  subject_id: string | null
  result: string
  details: Record<string, unknown>
}

export async function auditRows(app: FastifyInstance, action: string): Promise<AuditRow[]> {
  const { rows } = await app.pg.query<AuditRow>(
    `SELECT actor, action, subject_type, subject_id, result, details FROM audit_events WHERE action = $1 ORDER BY occurred_at, id`,
    [action],
  )
  return rows
}

/** Nothing in an audit row that looks like an email address or a person's name. */
export function expectNoPersonalData(rows: AuditRow[], names: string[]) {
  const text = JSON.stringify(rows)
  if (/[^\s@"]+@[^\s@"]+\.[^\s@"]+/.test(text)) throw new Error(`an email address in the audit log: ${text}`)
  for (const name of names) if (text.includes(name)) throw new Error(`"${name}" in the audit log: ${text}`)
}
