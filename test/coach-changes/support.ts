/** What the coach-changes tests share: emails read back with their calendar parts, and bookings made through the API. */
import type { FastifyInstance } from 'fastify'
import ICAL from 'ical.js'
import { expect } from 'vitest'
import { bookingBody, postBooking, type ProgrammeFixture } from '../support/booking-fixtures.js'
import type { ReceivedEmail } from '../support/smtp.js'

/** Who got which email, with its calendar METHOD and SEQUENCE (null without a calendar part). */
export interface MailSeen {
  to: string
  subject: string
  method: string | null
  sequence: number | null
  uid: string | null
  text: string
}

export function mailSeen(message: ReceivedEmail): MailSeen {
  const part = message.parsed.attachments.find((a) => a.mimeType.startsWith('text/calendar'))
  let method: string | null = null
  let sequence: number | null = null
  let uid: string | null = null
  if (part) {
    const content = typeof part.content === 'string' ? part.content : new TextDecoder().decode(part.content as ArrayBuffer)
    const component = new ICAL.Component(ICAL.parse(content))
    const event = component.getFirstSubcomponent('vevent')!
    method = String(component.getFirstPropertyValue('method'))
    sequence = Number(event.getFirstPropertyValue('sequence'))
    uid = String(event.getFirstPropertyValue('uid'))
  }
  return { to: message.envelopeTo.join(','), subject: message.parsed.subject ?? '', method, sequence, uid, text: message.parsed.text ?? '' }
}

/** Books through the API as a candidate would; answers the booking's id, reference and coach's first name. */
export async function book(app: FastifyInstance, programme: ProgrammeFixture, start: string, email: string) {
  const response = await postBooking(app, bookingBody(programme, start, { candidate: { name: `Candidate ${email.split('@')[0]}`, email } }))
  expect(response.statusCode, response.body).toBe(201)
  const booking = response.json().booking as { id: string; reference: string; coachFirstName: string }
  return booking
}

/** A booking's row as it stands. */
export async function bookingRow(app: FastifyInstance, id: string) {
  const { rows } = await app.pg.query<{ status: string; coach_id: string; sequence: number; cancelled_by: string | null; cancellation_reason: string | null }>(
    'SELECT status, coach_id, sequence, cancelled_by, cancellation_reason FROM bookings WHERE id = $1',
    [id],
  )
  return rows[0]!
}

/** The booking's history, oldest first. */
export async function historyOf(app: FastifyInstance, id: string) {
  const { rows } = await app.pg.query<{ kind: string; actor: string; coach_id: string | null; previous_coach_id: string | null; reason: string | null; sequence: number }>(
    'SELECT kind, actor, coach_id, previous_coach_id, reason, sequence FROM booking_events WHERE booking_id = $1 ORDER BY sequence, occurred_at',
    [id],
  )
  return rows
}

/** The keys of waiting send-email jobs about this booking (preparation, reminders). */
export async function waitingKeysOf(app: FastifyInstance, bookingId: string): Promise<string[]> {
  const { rows } = await app.pg.query<{ key: string }>(
    `SELECT key FROM graphile_worker.jobs WHERE key LIKE $1 AND attempts < max_attempts ORDER BY key`,
    [`booking:${bookingId}:%`],
  )
  return rows.map((row) => row.key)
}
