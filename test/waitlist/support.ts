/** Helpers for the waitlist's tests: joining through the API, and the links in its emails. */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import type { ReceivedEmail, TestSmtp } from '../support/smtp.js'
import type { ProgrammeFixture } from '../support/booking-fixtures.js'

export function joinBody(programme: ProgrammeFixture, overrides: Record<string, unknown> = {}) {
  return {
    programme: programme.slug,
    candidate: { name: 'Priya Shah', email: 'priya@example.com' },
    contactMethod: 'video',
    preferences: { days: [1, 2, 3, 4, 5], partsOfDay: ['morning', 'afternoon'], timeZone: 'Europe/London' },
    consent: true,
    ...overrides,
  }
}

export function postJoin(app: FastifyInstance, body: object, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
  return app.inject({ method: 'POST', url: '/api/v1/waitlist', payload: body, headers })
}

/** The token of the first waitlist link in an email. */
export function waitlistTokenIn(email: ReceivedEmail): string {
  const match = /\/waitlist\/manage\/([A-Za-z0-9_-]{43})/.exec(email.parsed.text ?? '')
  if (!match) throw new Error(`No waitlist link in "${email.parsed.subject}"`)
  return match[1]!
}

export function emailsTo(received: readonly ReceivedEmail[], address: string): ReceivedEmail[] {
  return received.filter((email) => email.envelopeTo.includes(address))
}

/** The email to `address` with `subject`, once it has arrived: the worker sends several at once, in no set order. */
export async function waitForEmail(smtp: TestSmtp, address: string, subject: string, timeoutMs = 15_000): Promise<ReceivedEmail> {
  const deadline = performance.now() + timeoutMs
  for (;;) {
    const email = emailsTo(smtp.received, address).find((received) => received.parsed.subject === subject)
    if (email) return email
    if (performance.now() > deadline) throw new Error(`no email "${subject}" to ${address} after ${timeoutMs} ms (${smtp.received.length} others)`)
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}

/** Open offers (with their hold's kind and expiry) of a programme. */
export async function openOffers(app: FastifyInstance, programmeId: string) {
  const { rows } = await app.pg.query<{ email: string; startsAt: Date; expiresAt: Date; holdKind: string | null; holdExpiresAt: Date | null }>(
    `SELECT e.candidate_email AS email, o.starts_at AS "startsAt", o.expires_at AS "expiresAt", h.kind AS "holdKind", h.expires_at AS "holdExpiresAt"
       FROM waitlist_offers o JOIN waitlist_entries e ON e.id = o.entry_id LEFT JOIN slot_holds h ON h.id = o.hold_id
      WHERE o.programme_id = $1 AND o.status = 'open' ORDER BY e.created_at`,
    [programmeId],
  )
  return rows
}
