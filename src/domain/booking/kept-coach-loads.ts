/**
 * Fair share's loads (coach-choice.ts) kept between bookings, so that
 * placing a booking reads only the loads of the coaches that changed since.
 *
 * Every booking orders the coaches free at its time by their conversations
 * that week and when each was last given one. Read afresh, that is two index
 * probes for every free coach (86 on average on the bench's programmes, a
 * quarter of PostgreSQL's time for a booking), and it grows with the
 * programme. Yet a coach's load changes only when one of their bookings does,
 * and every such change reaches the availability index as a notice for that
 * coach (prisma/migrations/20261203090000_availability_notifications: a
 * booking added, cancelled, moved, given to another coach or deleted). So a
 * load read once stays right while the index says the coach is unchanged.
 *
 * A load is kept with the coach's version in the index as it was before the
 * load was read: a notice that arrives during the read leaves it stale, and
 * the next booking reads it again. While the index is not live nothing is
 * kept. The order is only the order of trying: placement still checks each
 * coach under lock, so a load a moment old (another instance's booking
 * whose notice is on its way) can change who is tried first, never whether a
 * booking is safe. A request that changes something waits for its own
 * notice before it answers (src/plugins/app/availability.ts), so the next
 * booking after an answer sees the load that answer made.
 */
import type { CoachLoad } from './coach-choice.js'

/** A coach's week on their own clock, as fair share counts it. */
export interface CoachWeek {
  coachId: string
  start: Date
  end: Date
}

/** What says whether a coach has changed: the availability index. */
interface CoachVersions {
  /** A value that changes whenever the coach's bookings may have; null when changes may go unheard. */
  coachVersion(coachId: string): string | null
}

/** Loads kept at most: a programme's coaches over a few months of weeks; past it, all are read again. */
const LOADS_KEPT = 20_000

export class KeptCoachLoads {
  private readonly kept = new Map<string, { version: string; load: CoachLoad }>()

  constructor(private readonly versions: CoachVersions) {}

  /** The loads of these coach-weeks, in the same order: kept ones as they are, the others from `read`. */
  async loads(weeks: readonly CoachWeek[], read: (weeks: readonly CoachWeek[]) => Promise<CoachLoad[]>): Promise<CoachLoad[]> {
    const found = new Map<string, CoachLoad>()
    const missing: { week: CoachWeek; key: string; version: string | null }[] = []
    for (const week of weeks) {
      const key = keyOf(week)
      const version = this.versions.coachVersion(week.coachId)
      const kept = this.kept.get(key)
      if (version !== null && kept?.version === version) found.set(key, kept.load)
      else missing.push({ week, key, version })
    }
    if (missing.length > 0) {
      const read_ = await read(missing.map((m) => m.week))
      const byCoach = new Map(read_.map((load) => [load.coachId, load]))
      if (this.kept.size + missing.length > LOADS_KEPT) this.kept.clear()
      for (const { week, key, version } of missing) {
        const load = byCoach.get(week.coachId)
        if (!load) continue
        found.set(key, load)
        if (version !== null) this.kept.set(key, { version, load })
      }
    }
    return weeks.flatMap((week) => {
      const load = found.get(keyOf(week))
      return load ? [load] : []
    })
  }
}

const keyOf = (week: CoachWeek) => `${week.coachId}:${week.start.getTime()}`
