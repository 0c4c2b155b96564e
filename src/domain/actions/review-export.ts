/**
 * The follow-up review as CSV (GET /api/v1/admin/actions/export; the "Download
 * CSV" link of /admin/actions): the same filters and sort as the review,
 * every matching action, no size limit.
 *
 * Streamed page by page: each page is its own short statement after the last
 * row of the one before (keyset), so memory stays flat however many rows
 * there are, and no statement or transaction lives long enough for the
 * database's timeouts to cut it (DECISIONS.md, "Long reads under timeouts").
 * A client that reads slowly holds back the next page (the stream's
 * backpressure), never a connection.
 *
 * The file: UTF-8 with a byte order mark (so Excel reads the accents), one
 * header row, CRLF line ends and quotes as RFC 4180 has them, ISO 8601 dates
 * (YYYY-MM-DD) and instants (UTC). A cell that a spreadsheet would take for a
 * formula (beginning with = + - @, a tab or a carriage return) starts with an
 * apostrophe instead (OWASP, "CSV injection").
 *
 * Every export is audited when it ends: the filters (the search only as
 * "searched", since it may be a name or email address), the sort, how many
 * rows were written and whether the client read to the end.
 */
import type { AuditDetails, AuditLog, StaffRequest } from '../audit/events.js'
import { staffActor } from '../audit/events.js'
import type { Queryable } from '../../repositories/db.js'
import { listReviewPage, type ReviewFilters, type ReviewRow } from '../../repositories/action-review.js'
import type { Clock } from '../clock.js'
import { CSV_BOM, csvLine } from '../csv/index.js'
import { checkReviewQuery } from './review-service.js'
import type { ActionReviewInput, ReviewSort } from './review.js'

/** Rows per statement: small enough to be quick, large enough that round trips do not dominate. */
export const EXPORT_PAGE_SIZE = 500

const REVIEW_EXPORT_AUDIT_ACTION = 'actions.exported'

export const EXPORT_COLUMNS = [
  'Action id',
  'Action',
  'Category',
  'Who does it',
  'Status',
  'Due on',
  'Overdue',
  'Status since',
  'Candidate',
  'Booking reference',
  'Coach',
  'Programme',
  'Latest comment from the candidate',
] as const

function rowCells(row: ReviewRow): (string | boolean | null)[] {
  return [
    row.id,
    row.summary,
    row.category,
    row.owner,
    row.status,
    row.dueOn,
    row.overdue,
    row.statusSince.toISOString(),
    row.candidateName,
    row.bookingReference,
    row.coachName,
    row.programmeSlug,
    row.latestCandidateComment,
  ]
}

interface ReviewExportDeps {
  pool: Queryable
  clock: Clock
  audit: Pick<AuditLog, 'record'>
}

/** What was asked for, without anything personal: for the audit entry. */
function auditFilters(filters: ReviewFilters, sort: ReviewSort, input: ActionReviewInput): AuditDetails {
  const details: AuditDetails = { sort }
  if (filters.programmeId) details.programmeId = filters.programmeId
  if (filters.coachId) details.coachId = filters.coachId
  if (filters.owner) details.owner = filters.owner
  if (filters.category) details.category = filters.category
  if (filters.status) details.status = filters.status
  if (filters.overdue !== undefined) details.overdue = filters.overdue
  if (filters.dueFrom) details.dueFrom = filters.dueFrom
  if (filters.dueTo) details.dueTo = filters.dueTo
  if (typeof input.agreedFrom === 'string' && input.agreedFrom) details.agreedFrom = input.agreedFrom
  if (typeof input.agreedTo === 'string' && input.agreedTo) details.agreedTo = input.agreedTo
  if (filters.q) details.searched = true
  return details
}

/**
 * Checks the query (a ValidationError naming each bad field, before anything
 * is sent), then gives the CSV as an async iterable of chunks: the BOM and
 * header, then one chunk per page. The audit entry is written when the
 * iteration ends, read to the end or not.
 */
export async function exportActionReview(
  deps: ReviewExportDeps,
  input: ActionReviewInput,
  by: StaffRequest,
): Promise<AsyncIterable<string>> {
  const { query, filters } = await checkReviewQuery(deps, { ...input, cursor: undefined, limit: undefined })
  const { sort, today } = query
  const details = auditFilters(filters, sort, input)

  async function* chunks(): AsyncGenerator<string> {
    let rows = 0
    let complete = false
    try {
      yield `${CSV_BOM}${csvLine(EXPORT_COLUMNS)}`
      let after: string[] | null = null
      for (;;) {
        const page = await listReviewPage(deps.pool, { filters, sort, today, after, limit: EXPORT_PAGE_SIZE })
        if (page.length === 0) break
        yield page.map((row) => csvLine(rowCells(row))).join('')
        // Counted once the stream has taken the page (it asks for the next): a client gone before then did not get it.
        rows += page.length
        if (page.length < EXPORT_PAGE_SIZE) break
        after = page[page.length - 1]!.sortKey
      }
      complete = true
    } finally {
      await deps.audit.record({
        actor: staffActor(by.staff.userId),
        action: REVIEW_EXPORT_AUDIT_ACTION,
        subjectType: 'actions',
        subjectId: null,
        result: complete ? 'success' : 'failure',
        ip: by.ip ?? null,
        requestId: by.requestId ?? null,
        details: { ...details, rows, complete },
      })
    }
  }
  return chunks()
}
