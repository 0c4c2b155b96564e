/**
 * The follow-up review in SQL (/admin/actions, GET /api/v1/admin/actions):
 * one page of actions by keyset, and the counts of the summary page. What the
 * filters and sorts mean: src/domain/actions/review.ts. The indexes each one
 * leans on: prisma/migrations/20261203110000_action_review_indexes.
 *
 * A page is one statement: the matching actions in the sort's order from
 * just after the cursor's row, LIMIT n, and only for those n rows the
 * latest comment their candidate wrote. Every sort key ends in a unique id,
 * so "after this row" is a row comparison the sort's index can start from:
 *
 * | sort        | key                                          | index that gives the order             |
 * |-------------|----------------------------------------------|----------------------------------------|
 * | dueOn       | a.due_on, a.id                               | actions (due_on, id)                   |
 * | status      | a.status, a.due_on, a.id                     | actions (status, due_on, id)           |
 * | statusSince | a.status_changed_at, a.id                    | actions (status_changed_at, id)        |
 * | coach       | s.name, s.id, a.due_on, a.id                 | staff_users (name, id), then the coach's bookings and their actions |
 * | candidate   | lower(b.candidate_name), b.id, a.due_on, a.id | bookings (lower(candidate_name), id), then each booking's actions |
 * | overdue     | overdue first, then a.due_on, a.id           | two branches: open actions (due_on, id) before today, then the rest by (due_on, id) |
 */
import type { ActionCategory, ActionOwner, ActionStatus } from '../domain/actions/types.js'
import { REVIEW_SORT_KEYS, isDescending, sortField, type ReviewSort, type SortKeyKind } from '../domain/actions/review.js'
import { createHash } from 'node:crypto'
import type pg from 'pg'
import { prepared, type Queryable } from './db.js'
import type { Action, Booking, Programme } from './rows.js'

/** The filters with the programme resolved to its id and the agreed dates to instants. */
export interface ReviewFilters {
  programmeId?: string
  coachId?: string
  owner?: ActionOwner
  category?: ActionCategory
  status?: ActionStatus
  overdue?: boolean
  dueFrom?: string
  dueTo?: string
  /** [agreedStart, agreedEnd): created_at. */
  agreedStart?: Date
  agreedEnd?: Date
  q?: string
  /** Only these actions (a bulk change's selection). */
  actionIds?: string[]
  /** Dates the matching actions are known to lie within (see `dateBounds`): conditions that change nothing but the plan. */
  bounds?: { dueLow: string; dueHigh: string } | { changedLow: Date; changedHigh: Date }
}

export type ReviewRow = Pick<Action, 'id' | 'bookingId' | 'summary' | 'owner' | 'category' | 'status'> &
  Pick<Booking, 'candidateName'> & {
    /** YYYY-MM-DD: the date column read as text. */
    dueOn: string
    overdue: boolean
    statusSince: Action['statusChangedAt']
    bookingReference: Booking['reference']
    coachName: string
    programmeName: Programme['name']
    programmeSlug: Programme['slug']
    latestCandidateComment: string | null
    /** The row's sort key, as text: what a cursor after (or before) it holds. */
    sortKey: string[]
  }

/** Bound parameters, numbered as they are added. */
class Params {
  readonly values: unknown[] = []
  add(value: unknown, type: string): string {
    this.values.push(value)
    return `$${this.values.length}::${type}`
  }
}

/**
 * A page's day and size, written into its statement rather than bound.
 * PostgreSQL cannot estimate `due_on < $1` or `LIMIT $2` in a plan made for
 * any values, so it planned every page afresh for its values (1-2.5 ms, more
 * than running it); with them written in, it keeps one plan where the plan
 * does not depend on the other values. Both are checked to be only a date and
 * a count, so nothing else reaches the text. The statement's name changes
 * with them (once a day, and for each page size asked for).
 */
function dateLiteral(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new Error(`Not a date: ${value}`)
  return `'${value}'::date`
}
function countLiteral(value: number): string {
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`Not a count: ${value}`)
  return String(value)
}

const OPEN = `a.status IN ('not_started', 'in_progress')`
const overdueSql = (today: string) => `(${OPEN} AND a.due_on < ${today})`

/** The escaped LIKE pattern for "contains", any case. */
export function containsPattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
}

/** What q searches: the same expression as the trigram index bookings_candidate_search_idx. */
export const CANDIDATE_SEARCH_SQL = `(b.candidate_name || ' ' || b.candidate_email || ' ' || b.reference)`

/**
 * The filters as SQL conditions. With `picked`, the coach and the search
 * picked the bookings already (bookingPicks), and their conditions are left
 * out here: listReviewPage asks each row whether it still meets them
 * (`stillPicked`). Any condition on the bookings, even one written so
 * PostgreSQL cannot estimate it (`(...) IS NOT FALSE`), made it expect a
 * couple of rows from the join of a coach's actions to their bookings, and
 * join them to every coach and account by reading them whole: 13-20 ms for a
 * coach's first page, against 4 ms without.
 */
function whereFor(filters: ReviewFilters, params: Params, today: string, { picked = false } = {}): string[] {
  const conditions: string[] = picked ? [] : pickConditions(filters, params)
  if (filters.programmeId) conditions.push(`b.programme_id = ${params.add(filters.programmeId, 'uuid')}`)
  if (filters.owner) conditions.push(`a.owner = ${params.add(filters.owner, 'action_owner')}`)
  if (filters.category) conditions.push(`a.category = ${params.add(filters.category, 'action_category')}`)
  if (filters.status) conditions.push(`a.status = ${params.add(filters.status, 'action_status')}`)
  if (filters.overdue === true) conditions.push(overdueSql(today))
  if (filters.overdue === false) conditions.push(`NOT ${overdueSql(today)}`)
  if (filters.dueFrom) conditions.push(`a.due_on >= ${params.add(filters.dueFrom, 'date')}`)
  if (filters.dueTo) conditions.push(`a.due_on <= ${params.add(filters.dueTo, 'date')}`)
  if (filters.agreedStart) conditions.push(`a.created_at >= ${params.add(filters.agreedStart, 'timestamptz')}`)
  if (filters.agreedEnd) conditions.push(`a.created_at < ${params.add(filters.agreedEnd, 'timestamptz')}`)
  if (filters.actionIds) conditions.push(`a.id = ANY (${params.add(filters.actionIds, 'uuid[]')})`)
  const bounds = filters.bounds
  if (bounds && 'dueLow' in bounds) conditions.push(`a.due_on BETWEEN ${params.add(bounds.dueLow, 'date')} AND ${params.add(bounds.dueHigh, 'date')}`)
  if (bounds && 'changedLow' in bounds) {
    conditions.push(`a.status_changed_at BETWEEN ${params.add(bounds.changedLow, 'timestamptz')} AND ${params.add(bounds.changedHigh, 'timestamptz')}`)
  }
  return conditions
}

/** The conditions a coach or a search picks bookings by (bookingPicks). */
function pickConditions(filters: ReviewFilters, params: Params): string[] {
  const conditions: string[] = []
  if (filters.coachId) conditions.push(`b.coach_id = ${params.add(filters.coachId, 'uuid')}`)
  if (filters.q) conditions.push(`${CANDIDATE_SEARCH_SQL} ILIKE ${params.add(containsPattern(filters.q), 'text')}`)
  return conditions
}

const FROM = `FROM actions a
  JOIN bookings b ON b.id = a.booking_id
  JOIN programmes p ON p.id = b.programme_id
  JOIN coaches c ON c.id = b.coach_id
  JOIN staff_users s ON s.id = c.staff_user_id`

const SQL_TYPE: Record<SortKeyKind, string> = {
  rank: 'int',
  date: 'date',
  uuid: 'uuid',
  status: 'action_status',
  text: 'text',
  instant: 'timestamptz',
}

/** A sort key column as the text a cursor carries (stable whatever the session's settings). */
function keyText(column: string, kind: SortKeyKind): string {
  switch (kind) {
    case 'date':
      return `to_char(${column}, 'YYYY-MM-DD')`
    case 'instant':
      return `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`
    default:
      return `${column}::text`
  }
}

/** The key expressions of each sort (the rank of "overdue" is its branch, see below). */
const KEY_SQL: Record<Exclude<ReturnType<typeof sortField>, 'overdue'>, string[]> = {
  dueOn: ['a.due_on', 'a.id'],
  status: ['a.status', 'a.due_on', 'a.id'],
  statusSince: ['a.status_changed_at', 'a.id'],
  coach: ['s.name', 's.id', 'a.due_on', 'a.id'],
  candidate: ['lower(b.candidate_name)', 'b.id', 'a.due_on', 'a.id'],
}

/** How many leading key columns one index serves, where the key spans tables (see the table above). */
const INDEXED_PREFIX: Partial<Record<keyof typeof KEY_SQL, number>> = { coach: 2, candidate: 2 }

function rowCompare(columns: string[], values: string[], kinds: readonly SortKeyKind[], op: string, params: Params): string {
  const bound = values.map((value, i) => params.add(value, SQL_TYPE[kinds[i]!]))
  return `(${columns.join(', ')}) ${op} (${bound.join(', ')})`
}

const COLUMNS = (today: string, extra = '') => `${extra}a.id, a.booking_id AS "bookingId", a.summary, a.owner, a.category, a.status,
  to_char(a.due_on, 'YYYY-MM-DD') AS "dueOn", a.status_changed_at AS "statusSince", ${overdueSql(today)} AS overdue,
  b.reference AS "bookingReference", b.candidate_name AS "candidateName", s.name AS "coachName",
  p.name AS "programmeName", p.slug AS "programmeSlug"`

export interface ReviewPageRequest {
  filters: ReviewFilters
  sort: ReviewSort
  /** The UK date "overdue" is measured against. */
  today: string
  /** Start just after the row with this sort key (in `sort`'s own order); null for the first page. */
  after: string[] | null
  limit: number
}

/** At most this many bookings picked by coach or search: their actions are found through them (see below). */
export const FEW_BOOKINGS = 300

/**
 * A coach or a search may pick out only a few bookings. Then reading every
 * action in the sort's order and dropping the others (the plan PostgreSQL
 * picks, as it cannot tell how few there are) is the slow way round: find
 * those bookings first by their own index, then only their actions, and sort
 * them. A search that matches many bookings (a letter or two) is left to the
 * sort's index, where matches come soon. One small count decides.
 */
async function bookingPicks(db: Queryable, filters: ReviewFilters): Promise<string[] | null> {
  if (!filters.coachId && !filters.q) return null
  const broadKey = `${filters.q ?? ''}\u0000${filters.coachId ?? ''}`
  const broadUntil = broadPicks.get(broadKey)
  if (broadUntil !== undefined && broadUntil > performance.now()) return null
  // The ids themselves, not a count: the page's statement then takes them as a parameter instead of searching again.
  // A search goes through review_search_bookings, which always uses the trigram index (its migration says why).
  const { rows } = filters.q
    ? await db.query<{ id: string }>('SELECT review_search_bookings AS id FROM review_search_bookings($1, $2, $3)', [
        containsPattern(filters.q),
        filters.coachId ?? null,
        FEW_BOOKINGS + 1,
      ])
    : await db.query<{ id: string }>('SELECT b.id FROM bookings b WHERE b.coach_id = $1 LIMIT $2', [filters.coachId, FEW_BOOKINGS + 1])
  if (rows.length <= FEW_BOOKINGS) return rows.map((row) => row.id)
  broadPicks.delete(broadKey)
  broadPicks.set(broadKey, performance.now() + BROAD_PICKS_MS)
  if (broadPicks.size > BROAD_PICKS_KEPT) broadPicks.delete(broadPicks.keys().next().value!)
  return null
}

/**
 * Searches (and coaches) found to pick more than FEW_BOOKINGS bookings, for a
 * minute: paging through a broad search ran the search twice a page (3.5 ms
 * of PostgreSQL for the picks it then threw away). What is kept only chooses
 * the way round: the page's statement still applies the search and the coach
 * itself, so an answer a little out of date costs speed, never a wrong row.
 */
const broadPicks = new Map<string, number>()
const BROAD_PICKS_MS = 60_000
const BROAD_PICKS_KEPT = 1_000

/** At most this many actions in the dates asked for: their bounds are worked out (see below). */
export const BOUNDED_ACTIONS = 20_000

/**
 * Dates asked for (agreed between, due between) pick actions that sit
 * together in the other orders too: actions agreed in January are all due
 * between January and May, and changed status then. PostgreSQL takes them to
 * be spread evenly through a sort's index, so sorted by latest due date it
 * reads from the end of the index, through every later action, before the
 * first match (measured: 60 to 100 ms for a first page). When there are not
 * too many, one aggregate over them gives the due dates and status changes
 * they span, and the page's statement gets those as extra (redundant)
 * conditions, so the sort's index is read only where they are.
 */
async function dateBounds(db: Queryable, filters: ReviewFilters, field: string, today: string): Promise<ReviewFilters['bounds']> {
  const { dueFrom, dueTo, agreedStart, agreedEnd } = filters
  const agreed = Boolean(agreedStart || agreedEnd)
  // Only where the sort reads an action's own dates, and the range is not already the sort's.
  const wanted = agreed ? ['overdue', 'dueOn', 'status', 'statusSince'].includes(field) : (dueFrom || dueTo) && field === 'statusSince'
  if (!wanted) return undefined
  const params = new Params()
  const ranges = whereFor({ ...(dueFrom ? { dueFrom } : {}), ...(dueTo ? { dueTo } : {}), ...(agreedStart ? { agreedStart } : {}), ...(agreedEnd ? { agreedEnd } : {}) }, params, today)
  const { rows } = await db.query<{ count: number; dueLow: string | null; dueHigh: string | null; changedLow: Date | null; changedHigh: Date | null }>(
    `SELECT count(*)::int AS count, to_char(min(due_on), 'YYYY-MM-DD') AS "dueLow", to_char(max(due_on), 'YYYY-MM-DD') AS "dueHigh",
            min(status_changed_at) AS "changedLow", max(status_changed_at) AS "changedHigh"
       FROM (SELECT due_on, status_changed_at FROM actions a WHERE ${ranges.join(' AND ')} LIMIT ${BOUNDED_ACTIONS + 1}) dated`,
    params.values,
  )
  const row = rows[0]
  if (!row || row.count === 0 || row.count > BOUNDED_ACTIONS) return undefined
  // Only the sort's own column: more conditions make PostgreSQL think the matches fewer than they are, and sort them all.
  return field === 'statusSince' ? { changedLow: row.changedLow!, changedHigh: row.changedHigh! } : { dueLow: row.dueLow!, dueHigh: row.dueHigh! }
}

/**
 * A page's statement, named by its text: PostgreSQL took longer to plan it (about 4 ms, five joined tables in two
 * branches) than to run it (under 2 ms). Named, each connection parses it once per filter and sort combination, and
 * PostgreSQL's default plan_cache_mode keeps planning it for its values unless a plan for any values is estimated no
 * dearer. (Forcing that generic plan made some filters 50 ms: the values matter to the plan.)
 */
function reviewStatement(text: string, values: unknown[]): pg.QueryConfig {
  return prepared(`review:${createHash('sha1').update(text).digest('base64url')}`, text, values)
}

/**
 * One page of matching actions in the sort's order, starting after `after`.
 * `usePicks: false` never takes the way round through a coach's or a
 * search's bookings (see bookingPicks).
 */
export async function listReviewPage(db: Queryable, request: ReviewPageRequest, { usePicks = true } = {}): Promise<ReviewRow[]> {
  const field = sortField(request.sort)
  const desc = isDescending(request.sort)
  const direction = desc ? 'DESC' : 'ASC'
  const after = desc ? '<' : '>'
  const kinds = REVIEW_SORT_KEYS[field]
  const params = new Params()
  const today = dateLiteral(request.today)
  const [bounds, picks] = await Promise.all([dateBounds(db, request.filters, field, today), usePicks ? bookingPicks(db, request.filters) : null])
  const filters = whereFor({ ...request.filters, ...(bounds ? { bounds } : {}) }, params, today, { picked: picks !== null })
  // Picked bookings: each row says whether its booking still meets the coach and the search (see whereFor).
  const stillPicked = picks === null ? '' : `(${pickConditions(request.filters, params).join(' AND ')}) IS NOT FALSE AS "stillPicked", `
  // The picked bookings' actions are read first, by their booking, and then sorted: a few hundred rows. With the list
  // as a condition of the outer query instead, PostgreSQL read the sort's index through every other coach's actions to
  // find them (a coach's first page under the bench's load: 3.9 ms and 3,291 buffers a call, against 3.0 ms and 1,606).
  // OFFSET 0 keeps it from folding the list back into the outer query.
  const from = picks === null ? FROM : FROM.replace('FROM actions a', `FROM (SELECT * FROM actions WHERE booking_id = ANY (${params.add(picks, 'uuid[]')}) OFFSET 0) a`)
  const limit = countLiteral(request.limit)
  const where = (extra: string[]) => {
    const all = [...filters, ...extra]
    return all.length > 0 ? `WHERE ${all.join(' AND ')}` : ''
  }

  let inner: string
  let keyColumns: string[]
  if (field === 'overdue') {
    // Two branches, each read in (due_on, id) order from its own index:
    // rank 0, the overdue (open, due before today); rank 1, the rest.
    const branch = (rank: 0 | 1) => {
      const conditions = [rank === 0 ? overdueSql(today) : `NOT ${overdueSql(today)}`]
      if (request.after) {
        const [cursorRank, ...rest] = request.after
        const first = desc ? 1 : 0
        // A branch wholly before the cursor's is skipped; the cursor's own branch starts after its row.
        if (Number(cursorRank) !== rank && rank === first) return null
        if (Number(cursorRank) === rank) conditions.push(rowCompare(['a.due_on', 'a.id'], rest, kinds.slice(1), after, params))
      }
      return `(SELECT ${COLUMNS(today, stillPicked)}, ${rank} AS k0, a.due_on AS k1, a.id AS k2
                ${from} ${where(conditions)}
               ORDER BY a.due_on ${direction}, a.id ${direction} LIMIT ${limit})`
    }
    // An overdue filter leaves one branch empty: skip it rather than let PostgreSQL read the whole index to find nothing.
    const ranks = request.filters.overdue === true ? [0 as const] : request.filters.overdue === false ? [1 as const] : [0 as const, 1 as const]
    const branches = (desc ? [...ranks].reverse() : ranks).map(branch).filter((sql): sql is string => sql !== null)
    // The branch that comes second is read only when the first did not fill the page (a one-time filter PostgreSQL
    // checks before reading): sorting both would read the second's whole index for rows the page never shows.
    inner =
      branches.length === 1
        ? `SELECT * FROM ${branches[0]} branch`
        : `WITH first_rows AS MATERIALIZED ${branches[0]}
           SELECT * FROM (SELECT * FROM first_rows UNION ALL
                          SELECT * FROM ${branches[1]} later_rows WHERE (SELECT count(*) FROM first_rows) < ${limit}) branches
            ORDER BY k0 ${direction}, k1 ${direction}, k2 ${direction} LIMIT ${limit}`
    keyColumns = ['k0', 'k1', 'k2']
  } else {
    const columns = KEY_SQL[field]
    const conditions: string[] = []
    if (request.after) {
      const prefix = INDEXED_PREFIX[field]
      // The part of the key one index holds, as a range that index can start from; then the whole key.
      if (prefix) {
        conditions.push(rowCompare(columns.slice(0, prefix), request.after.slice(0, prefix), kinds.slice(0, prefix), `${after}=`, params))
      }
      conditions.push(rowCompare(columns, request.after, kinds, after, params))
    }
    keyColumns = columns.map((_, i) => `k${i}`)
    inner = `SELECT ${COLUMNS(today, stillPicked)}, ${columns.map((sql, i) => `${sql} AS k${i}`).join(', ')}
               ${from} ${where(conditions)}
              ORDER BY ${columns.map((sql) => `${sql} ${direction}`).join(', ')}
              LIMIT ${limit}`
  }

  const { rows } = await db.query<Omit<ReviewRow, 'sortKey'> & Record<string, string>>(reviewStatement(
    `SELECT page.id, page."bookingId", page.summary, page.owner, page.category, page.status, page."dueOn", page."statusSince",
            page.overdue, page."bookingReference", page."candidateName", page."coachName", page."programmeName", page."programmeSlug",
            comment.text AS "latestCandidateComment", ${picks === null ? '' : 'page."stillPicked", '}
            ${keyColumns.map((column, i) => `${keyText(`page.${column}`, kinds[i]!)} AS "${column}"`).join(', ')}
       FROM (${inner}) page
       LEFT JOIN LATERAL (
         SELECT x.comment AS text FROM action_status_changes x
          WHERE x.action_id = page.id AND x.actor = 'candidate' AND x.comment IS NOT NULL
          ORDER BY x.changed_at DESC, x.id DESC LIMIT 1
       ) comment ON true
      ORDER BY ${keyColumns.map((column) => `page.${column} ${direction}`).join(', ')}`,
    params.values,
  ))
  // A booking picked a moment ago has since gone to another coach, or been renamed: the exact way round instead.
  if (picks !== null && rows.some((row) => (row as { stillPicked?: boolean }).stillPicked === false)) {
    return listReviewPage(db, request, { usePicks: false })
  }
  return rows.map((row) => ({
    id: row.id,
    bookingId: row.bookingId,
    summary: row.summary,
    owner: row.owner,
    category: row.category,
    status: row.status,
    dueOn: row.dueOn,
    overdue: row.overdue,
    statusSince: row.statusSince,
    bookingReference: row.bookingReference,
    candidateName: row.candidateName,
    coachName: row.coachName,
    programmeName: row.programmeName,
    programmeSlug: row.programmeSlug,
    latestCandidateComment: row.latestCandidateComment,
    sortKey: keyColumns.map((column) => row[column] as string),
  }))
}

// --- The summary page (/admin/actions/summary) ------------------------------------

export interface ReviewCounts {
  total: number
  overdue: number
  notStarted: number
  inProgress: number
  done: number
  noLongerRelevant: number
}

export interface ReviewSummary {
  totals: ReviewCounts
  byCoach: (ReviewCounts & { coachId: string; coachName: string })[]
  byCategory: (ReviewCounts & { category: ActionCategory })[]
}

const ZERO: ReviewCounts = { total: 0, overdue: 0, notStarted: 0, inProgress: 0, done: 0, noLongerRelevant: 0 }

/** Counts of the matching actions, in all, by coach and by category: one pass (grouping sets). */
export async function summariseReview(db: Queryable, filters: ReviewFilters, todayDate: string): Promise<ReviewSummary> {
  const params = new Params()
  const today = params.add(todayDate, 'date')
  const conditions = whereFor(filters, params, today)
  const { rows } = await db.query<ReviewCounts & { set: 'all' | 'coach' | 'category'; coachId: string | null; coachName: string | null; category: ActionCategory | null }>(
    `SELECT CASE WHEN GROUPING(c.id) = 0 THEN 'coach' WHEN GROUPING(a.category) = 0 THEN 'category' ELSE 'all' END AS set,
            c.id AS "coachId", s.name AS "coachName", a.category,
            count(*)::int AS total,
            count(*) FILTER (WHERE ${overdueSql(today)})::int AS overdue,
            count(*) FILTER (WHERE a.status = 'not_started')::int AS "notStarted",
            count(*) FILTER (WHERE a.status = 'in_progress')::int AS "inProgress",
            count(*) FILTER (WHERE a.status = 'done')::int AS done,
            count(*) FILTER (WHERE a.status = 'no_longer_relevant')::int AS "noLongerRelevant"
       ${FROM} ${conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : ''}
      GROUP BY GROUPING SETS ((), (c.id, s.name), (a.category))
      ORDER BY s.name, c.id, a.category`,
    params.values,
  )
  const counts = ({ total, overdue, notStarted, inProgress, done, noLongerRelevant }: ReviewCounts): ReviewCounts => ({
    total,
    overdue,
    notStarted,
    inProgress,
    done,
    noLongerRelevant,
  })
  const all = rows.find((row) => row.set === 'all')
  return {
    totals: all ? counts(all) : ZERO,
    byCoach: rows
      .filter((row) => row.set === 'coach')
      .map((row) => ({ coachId: row.coachId!, coachName: row.coachName!, ...counts(row) })),
    byCategory: rows
      .filter((row) => row.set === 'category')
      .map((row) => ({ category: row.category!, ...counts(row) })),
  }
}

/** Coaches (id and name) for the filter: everyone with a coach profile. */
export async function listCoachesForReview(db: Queryable): Promise<{ id: string; name: string }[]> {
  const { rows } = await db.query<{ id: string; name: string }>(
    'SELECT c.id, s.name FROM coaches c JOIN staff_users s ON s.id = c.staff_user_id ORDER BY s.name, c.id',
  )
  return rows
}

export async function coachExists(db: Queryable, coachId: string): Promise<boolean> {
  const { rows } = await db.query('SELECT 1 FROM coaches WHERE id = $1::uuid', [coachId])
  return rows.length > 0
}

// --- Bulk status changes and the export (/admin/actions, POST .../bulk-status, GET .../export) ---

export type ActionForBulkChange = Pick<Action, 'id' | 'bookingId' | 'status'> & {
  /** The conversation's notes: an action's status moves on its own only once they are complete. */
  notesComplete: boolean
}

/**
 * The actions with these ids, locked for update in id order (so two bulk
 * changes over the same actions wait for each other instead of deadlocking).
 */
export async function lockActionsForBulkChange(db: Queryable, ids: readonly string[]): Promise<ActionForBulkChange[]> {
  if (ids.length === 0) return []
  const { rows } = await db.query<ActionForBulkChange>(
    `SELECT a.id, a.booking_id AS "bookingId", a.status,
            EXISTS (SELECT 1 FROM conversation_notes n WHERE n.booking_id = a.booking_id AND n.status = 'complete') AS "notesComplete"
       FROM actions a
      WHERE a.id = ANY ($1::uuid[])
      ORDER BY a.id
        FOR UPDATE OF a`,
    [ids],
  )
  return rows
}
