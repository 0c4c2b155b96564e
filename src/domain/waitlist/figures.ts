/**
 * The waitlist's figures for the programme team: how many are waiting now
 * and for how long, who joined and left in a period and how, how long those
 * who booked waited, and the offers made in the period by how they ended.
 * One statement each, aggregated in PostgreSQL (src/repositories/waitlist-figures.ts).
 */
import type { Queryable } from '../../repositories/db.js'
import { countOffersByStatus, lineNowFigures, linePeriodFigures } from '../../repositories/waitlist-figures.js'

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

const oneDecimal = (value: number | null) => (value === null ? null : Math.round(value * 10) / 10)

export async function waitlistFigures(db: Queryable, scope: { programmeId: string; start: Date; end: Date; now: Date }): Promise<WaitlistFigures> {
  const [n, p, offers] = await Promise.all([lineNowFigures(db, scope.programmeId, scope.now), linePeriodFigures(db, scope), countOffersByStatus(db, scope)])
  const byStatus = Object.fromEntries(offers.map((row) => [row.status, row.count])) as Record<string, number>
  const count = (status: string) => byStatus[status] ?? 0
  return {
    waitingNow: n.waiting,
    withOfferNow: n.withOffer,
    daysWaitingNow: { median: oneDecimal(n.medianDays), longest: oneDecimal(n.longestDays) },
    joined: p.joined,
    left: { booked: p.booked, left: p.left, removed: p.removed, ended: p.ended },
    daysWaitedBeforeBooking: { count: p.waitedCount, median: oneDecimal(p.waitedMedianDays), mean: oneDecimal(p.waitedMeanDays) },
    offers: {
      made: offers.reduce((sum, row) => sum + row.count, 0),
      taken: count('taken'),
      declined: count('declined'),
      expired: count('expired'),
      withdrawn: count('withdrawn'),
      open: count('open'),
    },
  }
}
