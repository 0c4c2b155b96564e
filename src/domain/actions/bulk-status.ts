/**
 * Bulk status changes by the programme team (DECISIONS.md: admins
 * may change any action, one by one or in bulk, and each change records who
 * made it). POST /api/v1/admin/actions/bulk-status and the /admin/actions
 * page's "change the status" journey both come here.
 *
 * One transaction: the actions are locked in id order, each is changed (or
 * not, with the reason why), and each change gets its own history row (actor
 * `admin`: the programme team, with the staff member's id) and its own audit
 * entry. What is not changed, and why:
 * - not_found: no action has that id (removed meanwhile, or never existed);
 * - notes_not_complete: the conversation's notes are still a draft, where its
 *   coach changes the action on the notes form;
 * - already_in_status: it already has that status (nothing to record).
 */
import type pg from 'pg'
import { staffActor, type AuditLog, type StaffRequest } from '../audit/events.js'
import type { Clock } from '../clock.js'
import { ValidationError, type FieldProblem } from '../errors.js'
import { looksLikeUuid } from '../ids.js'
import { NotesAuditActions } from '../notes/context.js'
import { inTransaction } from '../../repositories/db.js'
import { insertStatusChange, setActionStatus } from '../../repositories/actions.js'
import { listReviewPage, lockActionsForBulkChange } from '../../repositories/action-review.js'
import { checkReviewQuery, reviewed, type ReviewDeps, type ReviewedAction } from './review-service.js'
import { DEFAULT_REVIEW_SORT, reviewDate, type ActionReviewInput } from './review.js'
import { ACTION_COMMENT_MAX_LENGTH, ACTION_STATUSES, type ActionStatus } from './types.js'
import { checkStatusComment, isActionStatus } from './validate.js'

/** The most actions one bulk change may touch: shown on the page before anyone confirms. */
export const BULK_STATUS_LIMIT = 500

export const BULK_REASONS = ['not_found', 'notes_not_complete', 'already_in_status'] as const
type BulkReason = (typeof BULK_REASONS)[number]

export const BULK_REASON_TEXT: Readonly<Record<BulkReason, string>> = {
  not_found: 'There is no such action (it may have been removed)',
  notes_not_complete: 'The conversation notes are still a draft: its coach changes the action there',
  already_in_status: 'It already had this status',
}

const BULK_MESSAGES = {
  noActions: 'Select at least one action',
  tooMany: `Select ${BULK_STATUS_LIMIT} actions or fewer`,
  notAnAction: 'Each action must be an action id',
  status: `Choose one of: ${ACTION_STATUSES.join(', ')}`,
  commentMissing: 'Enter a comment saying why the status is changing',
  commentTooLong: `Enter a comment of ${ACTION_COMMENT_MAX_LENGTH} characters or fewer`,
} as const

interface BulkStatusCommand {
  actionIds: string[]
  status: ActionStatus
  comment: string
}

interface BulkStatusResult {
  actionId: string
  changed: boolean
  reason?: BulkReason
  /** Its status before (when the action exists). */
  from?: ActionStatus
}

interface BulkStatusDeps {
  pool: pg.Pool
  clock: Clock
  audit: Pick<AuditLog, 'record'>
}

/** Checks a bulk change: every problem with its field; ids lower-cased, repeats dropped (first kept). */
export function checkBulkStatusCommand(input: { actionIds?: unknown; status?: unknown; comment?: unknown }): BulkStatusCommand {
  const problems: FieldProblem[] = []
  const raw = Array.isArray(input.actionIds) ? input.actionIds : typeof input.actionIds === 'string' ? [input.actionIds] : []
  const ids: string[] = []
  for (const value of raw) {
    if (typeof value !== 'string' || !looksLikeUuid(value.trim())) {
      problems.push({ field: 'actionIds', message: BULK_MESSAGES.notAnAction })
      break
    }
    const id = value.trim().toLowerCase()
    if (!ids.includes(id)) ids.push(id)
  }
  if (ids.length === 0 && problems.length === 0) problems.push({ field: 'actionIds', message: BULK_MESSAGES.noActions })
  if (ids.length > BULK_STATUS_LIMIT) problems.push({ field: 'actionIds', message: BULK_MESSAGES.tooMany })
  if (!isActionStatus(input.status)) problems.push({ field: 'status', message: BULK_MESSAGES.status })
  const comment = checkStatusComment(input.comment)
  if (!comment.ok) problems.push({ field: 'comment', message: BULK_MESSAGES.commentTooLong })
  else if (comment.value === null) problems.push({ field: 'comment', message: BULK_MESSAGES.commentMissing })
  if (problems.length > 0) throw new ValidationError(problems)
  return { actionIds: ids, status: input.status as ActionStatus, comment: (comment as { value: string }).value }
}

/** Changes each action's status (see the top of this file); the results in the order the ids were given. */
export async function bulkChangeActionStatus(
  deps: BulkStatusDeps,
  input: { actionIds?: unknown; status?: unknown; comment?: unknown },
  by: StaffRequest,
): Promise<BulkStatusResult[]> {
  const command = checkBulkStatusCommand(input)
  const now = deps.clock.now()
  return inTransaction(deps.pool, async (client) => {
    const found = new Map((await lockActionsForBulkChange(client, command.actionIds)).map((action) => [action.id, action]))
    const results: BulkStatusResult[] = []
    for (const actionId of command.actionIds) {
      const action = found.get(actionId)
      if (!action) {
        results.push({ actionId, changed: false, reason: 'not_found' })
        continue
      }
      const from = action.status
      if (!action.notesComplete) results.push({ actionId, changed: false, reason: 'notes_not_complete', from })
      else if (from === command.status) results.push({ actionId, changed: false, reason: 'already_in_status', from })
      else {
        await setActionStatus(client, actionId, command.status, now)
        // The programme team made the change (actor admin), and which of them.
        await insertStatusChange(client, { actionId, from, to: command.status, actor: 'admin', actorStaffUserId: by.staff.userId, comment: command.comment, now })
        await deps.audit.record(
          {
            actor: staffActor(by.staff.userId),
            action: NotesAuditActions.actionStatusChanged,
            subjectType: 'booking',
            subjectId: action.bookingId,
            result: 'success',
            ip: by.ip ?? null,
            requestId: by.requestId ?? null,
            details: { actionId, from, to: command.status, via: 'bulk' },
          },
          { client },
        )
        results.push({ actionId, changed: true, from })
      }
    }
    return results
  })
}

/** What a bulk change is to cover: the actions ticked, or every action that matches the review's filters. */
export type BulkSelection = { actionIds: string[] } | { matching: ActionReviewInput }

/**
 * The actions a bulk change would cover, as the review shows them (overdue
 * first), for the page to show before anyone confirms: at most
 * BULK_STATUS_LIMIT, and `more` when the filters match more than that (the
 * page then asks for narrower filters rather than change some of them).
 * Ids that match no action are left out.
 */
export async function previewBulkSelection(deps: ReviewDeps, selection: BulkSelection): Promise<{ actions: ReviewedAction[]; more: boolean }> {
  const { filters, today } =
    'matching' in selection
      ? await checkReviewQuery(deps, { ...selection.matching, cursor: undefined, limit: undefined }).then(({ query, filters }) => ({ filters, today: query.today }))
      : { filters: { actionIds: selection.actionIds.filter((id) => looksLikeUuid(id)).map((id) => id.toLowerCase()) }, today: reviewDate(deps.clock.now()) }
  if ('actionIds' in filters && filters.actionIds!.length === 0) return { actions: [], more: false }
  const rows = await listReviewPage(deps.pool, { filters, sort: DEFAULT_REVIEW_SORT, today, after: null, limit: BULK_STATUS_LIMIT + 1 })
  return { actions: rows.slice(0, BULK_STATUS_LIMIT).map(reviewed), more: rows.length > BULK_STATUS_LIMIT }
}
