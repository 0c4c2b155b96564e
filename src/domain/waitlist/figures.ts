/**
 * The waitlist's figures for the programme team: how many are waiting now
 * and for how long, who joined and left in a period and how, how long those
 * who booked waited, and the offers made in the period by how they ended.
 * One statement each, aggregated in PostgreSQL.
 */
import type { Queryable } from '../../repositories/db.js'

export interface WaitlistFigures {
  /** People in line now. */
  waitingNow: number
  /** Of them, with a time held for them now. */
  withOfferNow: number
  /** Days the people in line now have waited so far. */
  daysWaitingNow: { median: number | null; longest: number | null }
  /** Joined in the period. */
  joined: number
  /** Left the line in the period, by how. */
  left: { booked: number; left: number; removed: number; ended: number }
  /** Days from joining to booking, of those who booked in the period. */
  daysWaitedBeforeBooking: { count: number; median: number | null; mean: number | null }
  /** Offers made in the period, by how they ended (open: still held). */
  offers: { made: number; taken: number; declined: number; expired: number; withdrawn: number; open: number }
}

const oneDecimal = (value: number | string | null) => (value === null ? null : Math.round(Number(value) * 10) / 10)

export async function waitlistFigures(db: Queryable, scope: { programmeId: string; start: Date; end: Date; now: Date }): Promise<WaitlistFigures> {
  const [now, period, offers] = await Promise.all([
    db.query<{ waiting: number; withOffer: number; median: string | null; longest: string | null }>(
      `SELECT count(*)::int AS waiting,
              count(*) FILTER (WHERE EXISTS (SELECT 1 FROM waitlist_offers o WHERE o.entry_id = e.id AND o.status = 'open'))::int AS "withOffer",
              percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM $2::timestamptz - e.created_at) / 86400) AS median,
              max(extract(epoch FROM $2::timestamptz - e.created_at) / 86400) AS longest
         FROM waitlist_entries e WHERE e.programme_id = $1 AND e.status = 'waiting'`,
      [scope.programmeId, scope.now],
    ),
    db.query<{ joined: number; booked: number; left: number; removed: number; ended: number; waitedCount: number; waitedMedian: string | null; waitedMean: string | null }>(
      `SELECT count(*) FILTER (WHERE created_at >= $2 AND created_at < $3)::int AS joined,
              count(*) FILTER (WHERE status = 'booked' AND left_at >= $2 AND left_at < $3)::int AS booked,
              count(*) FILTER (WHERE status = 'left' AND left_at >= $2 AND left_at < $3)::int AS left,
              count(*) FILTER (WHERE status = 'removed' AND left_at >= $2 AND left_at < $3)::int AS removed,
              count(*) FILTER (WHERE status = 'ended' AND left_at >= $2 AND left_at < $3)::int AS ended,
              count(*) FILTER (WHERE status = 'booked' AND left_at >= $2 AND left_at < $3)::int AS "waitedCount",
              percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM left_at - created_at) / 86400)
                FILTER (WHERE status = 'booked' AND left_at >= $2 AND left_at < $3) AS "waitedMedian",
              avg(extract(epoch FROM left_at - created_at) / 86400) FILTER (WHERE status = 'booked' AND left_at >= $2 AND left_at < $3) AS "waitedMean"
         FROM waitlist_entries WHERE programme_id = $1`,
      [scope.programmeId, scope.start, scope.end],
    ),
    db.query<{ status: string; count: number }>(
      `SELECT status, count(*)::int AS count FROM waitlist_offers
        WHERE programme_id = $1 AND offered_at >= $2 AND offered_at < $3 GROUP BY status`,
      [scope.programmeId, scope.start, scope.end],
    ),
  ])
  const n = now.rows[0]!
  const p = period.rows[0]!
  const byStatus = Object.fromEntries(offers.rows.map((row) => [row.status, row.count])) as Record<string, number>
  const count = (status: string) => byStatus[status] ?? 0
  return {
    waitingNow: n.waiting,
    withOfferNow: n.withOffer,
    daysWaitingNow: { median: oneDecimal(n.median), longest: oneDecimal(n.longest) },
    joined: p.joined,
    left: { booked: p.booked, left: p.left, removed: p.removed, ended: p.ended },
    daysWaitedBeforeBooking: { count: p.waitedCount, median: oneDecimal(p.waitedMedian), mean: oneDecimal(p.waitedMean) },
    offers: {
      made: offers.rows.reduce((sum, row) => sum + row.count, 0),
      taken: count('taken'),
      declined: count('declined'),
      expired: count('expired'),
      withdrawn: count('withdrawn'),
      open: count('open'),
    },
  }
}
