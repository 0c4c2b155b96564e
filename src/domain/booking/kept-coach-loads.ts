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
  coachVersion(coachId: string): number | null
}

/** Loads kept at most: a programme's coaches over a few months of weeks; past it, all are read again. */
const LOADS_KEPT = 20_000

export class KeptCoachLoads {
  /** By coach, then by the start of the week (epoch ms). */
  private readonly kept = new Map<string, Map<number, { version: number; load: CoachLoad }>>()
  private size = 0

  constructor(private readonly versions: CoachVersions) {}

  /**
   * The loads of these coach-weeks (one week a coach), in the same order:
   * kept ones as they are, the others from `read`.
   */
  async loads(weeks: readonly CoachWeek[], read: (weeks: readonly CoachWeek[]) => Promise<CoachLoad[]>): Promise<CoachLoad[]> {
    const loads: (CoachLoad | undefined)[] = []
    const missing: { at: number; week: CoachWeek; version: number | null }[] = []
    for (const week of weeks) {
      const version = this.versions.coachVersion(week.coachId)
      const kept = this.kept.get(week.coachId)?.get(week.start.getTime())
      if (version !== null && kept?.version === version) loads.push(kept.load)
      else missing.push({ at: loads.push(undefined) - 1, week, version })
    }
    if (missing.length > 0) {
      const byCoach = new Map((await read(missing.map((m) => m.week))).map((load) => [load.coachId, load]))
      if (this.size + missing.length > LOADS_KEPT) this.forgetAll()
      for (const { at, week, version } of missing) {
        const load = byCoach.get(week.coachId)
        loads[at] = load
        if (load && version !== null) this.keep(week, version, load)
      }
    }
    return loads.filter((load) => load !== undefined)
  }

  private keep(week: CoachWeek, version: number, load: CoachLoad): void {
    let weeks = this.kept.get(week.coachId)
    if (!weeks) this.kept.set(week.coachId, (weeks = new Map()))
    if (!weeks.has(week.start.getTime())) this.size++
    weeks.set(week.start.getTime(), { version, load })
  }

  private forgetAll(): void {
    this.kept.clear()
    this.size = 0
  }
}
