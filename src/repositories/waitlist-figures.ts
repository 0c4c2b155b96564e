/**
 * The waitlist's figures for the programme team (src/domain/waitlist/figures.ts
 * puts them together): one aggregate statement each, counted in PostgreSQL.
 * Days are exact here; the domain rounds them.
 */
import type { Queryable } from './db.js'
import type { WaitlistOfferRecord } from './waitlist.js'

interface FiguresPeriod {
  programmeId: string
  start: Date
  end: Date
}

/** numeric (max and avg of extract) arrives as text, percentile_cont's double precision as a number. */
const days = (value: number | string | null) => (value === null ? null : Number(value))

/** The people in line now, those of them with a time held for them, and the days they have waited so far (median, longest). */
export interface LineNow {
  waiting: number
  withOffer: number
  medianDays: number | null
  longestDays: number | null
}

export async function lineNowFigures(db: Queryable, programmeId: string, now: Date): Promise<LineNow> {
  const { rows } = await db.query<{ waiting: number; withOffer: number; median: number | string | null; longest: number | string | null }>(
    `SELECT count(*)::int AS waiting,
            count(*) FILTER (WHERE EXISTS (SELECT 1 FROM waitlist_offers o WHERE o.entry_id = e.id AND o.status = 'open'))::int AS "withOffer",
            percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM $2::timestamptz - e.created_at) / 86400) AS median,
            max(extract(epoch FROM $2::timestamptz - e.created_at) / 86400) AS longest
       FROM waitlist_entries e WHERE e.programme_id = $1 AND e.status = 'waiting'`,
    [programmeId, now],
  )
  const row = rows[0]!
  return { waiting: row.waiting, withOffer: row.withOffer, medianDays: days(row.median), longestDays: days(row.longest) }
}

/** Who joined the line in the period, who left it and how, and the days from joining to booking of those who booked. */
export interface LinePeriod {
  joined: number
  booked: number
  left: number
  removed: number
  ended: number
  waitedCount: number
  waitedMedianDays: number | null
  waitedMeanDays: number | null
}

export async function linePeriodFigures(db: Queryable, period: FiguresPeriod): Promise<LinePeriod> {
  const { rows } = await db.query<Omit<LinePeriod, 'waitedMedianDays' | 'waitedMeanDays'> & { waitedMedian: number | string | null; waitedMean: number | string | null }>(
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
    [period.programmeId, period.start, period.end],
  )
  const { waitedMedian, waitedMean, ...counts } = rows[0]!
  return { ...counts, waitedMedianDays: days(waitedMedian), waitedMeanDays: days(waitedMean) }
}

/** The offers made in the period, counted by how they ended (open: still held); a status none ended with is left out. */
export async function countOffersByStatus(db: Queryable, period: FiguresPeriod): Promise<{ status: WaitlistOfferRecord['status']; count: number }[]> {
  const { rows } = await db.query<{ status: WaitlistOfferRecord['status']; count: number }>(
    `SELECT status, count(*)::int AS count FROM waitlist_offers
      WHERE programme_id = $1 AND offered_at >= $2 AND offered_at < $3 GROUP BY status`,
    [period.programmeId, period.start, period.end],
  )
  return rows
}
