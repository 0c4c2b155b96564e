/**
 * Emails: (1) the emails the bookings of the run produced, waited for until
 * the queue has none ready, counted against the service's own delivery rows;
 * (2) a known number of confirmation emails enqueued at once (for seeded
 * upcoming bookings that have had none), timed from the commit to the last
 * one received. Every message is counted by Message-ID: none lost, none twice.
 */
import { envNumber, sleep, type BenchContext } from './context.js'
import { LOAD_EMAIL_DOMAIN } from './fixtures.js'
import { fmt } from './report.js'

async function readySendJobs(context: BenchContext): Promise<number> {
  const { rows } = await context.db.query<{ count: number }>(
    `SELECT count(*)::int AS count FROM graphile_worker.jobs WHERE task_identifier = 'send-email' AND run_at <= now()`,
  )
  return rows[0]!.count
}

/** Waits until no send-email job is ready (or running) twice in a row; false on timeout. */
async function drain(context: BenchContext, timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs
  let emptyTimes = 0
  while (performance.now() < deadline) {
    emptyTimes = (await readySendJobs(context)) === 0 ? emptyTimes + 1 : 0
    if (emptyTimes >= 2) return true
    await sleep(250)
  }
  return false
}

async function deliveryCounts(context: BenchContext): Promise<Record<string, number>> {
  const { rows } = await context.db.query<{ status: string; count: number }>(`SELECT status, count(*)::int AS count FROM email_deliveries GROUP BY status`)
  return Object.fromEntries(rows.map((r) => [r.status, r.count]))
}

export async function emailsScenario(context: BenchContext): Promise<void> {
  const { report, sink } = context
  const timeoutMs = envNumber('BENCH_EMAIL_TIMEOUT_SECONDS', 300) * 1000
  report.startSection('emails to the local SMTP sink')

  // (1) What the bookings produced.
  const waitStarted = performance.now()
  const drained = await drain(context, timeoutMs)
  const drainSeconds = (performance.now() - waitStarted) / 1000
  const deliveries = await deliveryCounts(context)
  const { rows: bookingRows } = await context.db.query<{ count: number }>(
    `SELECT count(*)::int AS count FROM bookings WHERE candidate_email LIKE $1 AND status = 'booked'`,
    [`%@${LOAD_EMAIL_DOMAIN}`],
  )
  const sent = deliveries.sent ?? 0
  const unsent = (deliveries.failed ?? 0) + (deliveries.waiting ?? 0) + (deliveries.sending ?? 0)
  const received = sink.received.length
  const distinct = sink.counts.size
  const first = sink.received[0]?.at
  const last = sink.received.at(-1)?.at
  const span = first !== undefined && last !== undefined && last > first ? (last - first) / 1000 : Number.NaN
  report.row('from the bookings: received / the service says sent', `${fmt.n(distinct)} / ${fmt.n(sent)} for ${fmt.n(bookingRows[0]!.count)} bookings`, 'equal', distinct === sent)
  report.row('from the bookings: unsent (failed, waiting, sending)', fmt.n(unsent), '0', unsent === 0)
  report.row('from the bookings: rate while booking and after', `${fmt.n(received / span, 1)} messages/s over ${fmt.s(span)}`)
  report.row('from the bookings: queue empty', drained ? `${fmt.s(drainSeconds)} after the last scenario` : `NO: jobs still ready after ${fmt.s(drainSeconds)}`, 'yes', drained)

  // (2) A known number enqueued at once.
  const count = envNumber('BENCH_EMAILS', 1000)
  const before = sink.received.length
  const client = await context.db.connect()
  let enqueued = 0
  let committedAt = 0
  try {
    await client.query('BEGIN')
    const { rows } = await client.query<{ id: string }>(
      `SELECT b.id FROM bookings b
        WHERE b.status = 'booked' AND b.starts_at > now() + interval '4 days' AND b.candidate_email NOT LIKE $2
          AND NOT EXISTS (SELECT 1 FROM email_deliveries d WHERE d.booking_id = b.id)
        ORDER BY b.starts_at LIMIT $1`,
      [count, `%@${LOAD_EMAIL_DOMAIN}`],
    )
    await client.query(
      `SELECT graphile_worker.add_job('send-email', json_build_object('email', 'booking-confirmation', 'bookingId', id, 'preparationIncluded', false),
                                      max_attempts => 14)
         FROM unnest($1::uuid[]) id`,
      [rows.map((r) => r.id)],
    )
    await client.query('COMMIT')
    committedAt = performance.now()
    enqueued = rows.length
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined)
    throw error
  } finally {
    client.release()
  }
  const deadline = committedAt + timeoutMs
  while (sink.received.length - before < enqueued && performance.now() < deadline) await sleep(20)
  const arrived = sink.received.slice(before)
  const lastAt = arrived.at(-1)?.at ?? committedAt
  const seconds = (lastAt - committedAt) / 1000
  const rate = arrived.length / seconds
  const newDistinct = new Set(arrived.map((m) => m.messageId)).size
  const lost = enqueued - newDistinct
  const duplicates = sink.duplicates()
  report.row(`${fmt.n(enqueued)} confirmations enqueued at once: rate`, `${fmt.n(rate, 1)} messages/s (${fmt.s(seconds)})`, '>= 200 messages/s', rate >= 200)
  report.row('lost (enqueued, never received)', fmt.n(lost), '0', lost === 0)
  report.row('received twice (same Message-ID), whole run', fmt.n(duplicates), '0', duplicates === 0)
  report.set('emails', {
    fromBookings: { received, distinct, serviceSent: sent, unsent, drained, drainSeconds, messagesPerSecond: received / span, spanSeconds: span },
    knownBatch: { enqueued, received: arrived.length, distinct: newDistinct, seconds, messagesPerSecond: rate, lost },
    duplicates,
  })
}
