/**
 * The programmes and coaches that staff pages filter by (the follow-up
 * review's form, the bookings' search): the same for every admin, read at
 * every view of those pages, and changed only when a programme, a coach or a
 * staff member is. So they are kept with the reports (./report-cache.ts),
 * whose notices cover those tables: while nothing changes a view reads no
 * statement for them, and an admin who adds a coach sees them in the list
 * next (the change's request waits until its notice is heard).
 */
import { listCoachesForReview } from '../../repositories/action-review.js'
import type { Queryable } from '../../repositories/db.js'
import { listProgrammes, type ProgrammeListEntry } from '../../repositories/programmes.js'
import type { ReportCache } from './report-cache.js'

export interface FilterLists {
  /** Every programme, open ones first. */
  readonly programmes: readonly Readonly<ProgrammeListEntry>[]
  /** Every coach, by name. */
  readonly coaches: readonly Readonly<{ id: string; name: string }>[]
}

export interface FilterListDeps {
  pool: Queryable
  /** Where the lists are kept; without it they are read at every call. */
  reports?: ReportCache
}

const KEY = 'filter-lists'

async function readFilterLists(pool: Queryable): Promise<FilterLists> {
  const [programmes, coaches] = await Promise.all([listProgrammes(pool), listCoachesForReview(pool)])
  // Kept lists are shared by every view: frozen, so no view can change what another sees.
  return Object.freeze({
    programmes: Object.freeze(programmes.map((programme) => Object.freeze(programme))),
    coaches: Object.freeze(coaches.map((coach) => Object.freeze(coach))),
  })
}

export function filterLists(deps: FilterListDeps): Promise<FilterLists> {
  return deps.reports ? deps.reports.get(KEY, () => readFilterLists(deps.pool)) : readFilterLists(deps.pool)
}
