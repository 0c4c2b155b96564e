/**
 * Changing the status of many actions from the review: choose (the list's
 * form), confirm, done. No JavaScript needed.
 *   POST /admin/actions/bulk-status            check the choice, show what will change
 *   POST /admin/actions/bulk-status/confirm    change them, say which could not be
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { actionStatusColours, actionStatusLabels } from '../../../../domain/actions/types.js'
import { DEFAULT_REVIEW_SORT, reviewSearchParams } from '../../../../domain/actions/review.js'
import type { ReviewedAction } from '../../../../domain/actions/review-service.js'
import {
  BULK_REASON_TEXT,
  BULK_STATUS_LIMIT,
  bulkChangeActionStatus,
  checkBulkStatusCommand,
  previewBulkSelection,
  type BulkSelection,
} from '../../../../domain/actions/bulk-status.js'
import { ValidationError, type FieldProblem } from '../../../../domain/errors.js'
import { formatDate } from '../../../../domain/time/index.js'
import { staffRequest } from '../../../../http/staff-request.js'
import { Query, candidateUrl, hiddenFields, reviewInput, text, type QueryValues } from './review-form.js'
import { reviewList, type BulkForm } from './review-list.js'

const BulkBody = Type.Object({
  ...Query.properties,
  _csrf: Type.Optional(Type.String()),
  scope: text(20),
  /** Not `status`: that is the review's own filter, sent along with the form. */
  newStatus: text(100),
  comment: Type.Optional(Type.String({ maxLength: 5000 })),
  actionIds: Type.Optional(Type.Union([Type.String({ maxLength: 100 }), Type.Array(Type.String({ maxLength: 100 }), { maxItems: BULK_STATUS_LIMIT + 1 })])),
})
type BulkValues = QueryValues & { scope?: string; newStatus?: string; comment?: string; actionIds?: string | string[] }

const idsOf = (value: string | string[] | undefined) => (value === undefined ? [] : Array.isArray(value) ? value : [value]).map((id) => id.trim().toLowerCase())
const filtersOf = (body: BulkValues): QueryValues => {
  const { scope: _s, newStatus: _st, comment: _c, actionIds: _a, ...rest } = body as BulkValues & { _csrf?: string }
  delete (rest as { _csrf?: string })._csrf
  return rest
}

const PAGE_BULK_MESSAGES = {
  scope: 'Choose which actions to change',
  nothingSelected: 'Select the actions to change, or choose every action that matches',
  tooMany: `More than ${BULK_STATUS_LIMIT} actions match: narrow the filters, or select the actions to change`,
  noneMatch: 'No actions match these filters',
  status: 'Choose the new status',
  comment: 'Enter a comment saying why the status is changing',
  commentTooLong: 'Enter a comment of 500 characters or fewer',
}

function rowsForPage(actions: ReviewedAction[]) {
  return actions.map((action) => ({
    summary: action.summary,
    candidate: action.candidate.name,
    candidateUrl: candidateUrl(action.bookingId),
    reference: action.bookingReference,
    status: actionStatusLabels[action.status],
    statusColour: actionStatusColours[action.status],
    due: formatDate(action.dueOn, 'UTC'),
  }))
}

const bulkStatusPages: FastifyPluginAsyncTypebox = async (app) => {
  const deps = app.deps
  const { showList } = reviewList(app)

  app.post('/bulk-status', { schema: { hide: true, body: BulkBody } }, async (request, reply) => {
    const body = request.body as BulkValues
    const filters = filtersOf(body)
    const bulk: BulkForm = { scope: (body.scope ?? '').trim(), status: (body.newStatus ?? '').trim(), comment: (body.comment ?? '').trim(), actionIds: idsOf(body.actionIds), problems: [] }
    const problems: FieldProblem[] = []
    if (bulk.scope !== 'selected' && bulk.scope !== 'matching') problems.push({ field: 'scope', message: PAGE_BULK_MESSAGES.scope })
    else if (bulk.scope === 'selected' && bulk.actionIds.length === 0) problems.push({ field: 'actionIds', message: PAGE_BULK_MESSAGES.nothingSelected })
    try {
      checkBulkStatusCommand({ actionIds: ['00000000-0000-4000-8000-000000000000'], status: bulk.status, comment: bulk.comment })
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error
      for (const problem of error.fields) {
        if (problem.field === 'status') problems.push({ field: 'status', message: PAGE_BULK_MESSAGES.status })
        if (problem.field === 'comment') {
          problems.push({ field: 'comment', message: bulk.comment === '' ? PAGE_BULK_MESSAGES.comment : PAGE_BULK_MESSAGES.commentTooLong })
        }
      }
    }
    let preview: Awaited<ReturnType<typeof previewBulkSelection>> | null = null
    if (!problems.some((p) => p.field === 'scope' || p.field === 'actionIds')) {
      const selection: BulkSelection = bulk.scope === 'matching' ? { matching: reviewInput(filters) } : { actionIds: bulk.actionIds }
      try {
        preview = await previewBulkSelection(deps, selection)
      } catch (error) {
        // Filters the review refuses: the list shows what is wrong with them.
        if (error instanceof ValidationError) return showList(reply, filters)
        throw error
      }
      if (preview.more) problems.push({ field: 'scope', message: PAGE_BULK_MESSAGES.tooMany })
      else if (preview.actions.length === 0) {
        problems.push({ field: 'scope', message: bulk.scope === 'matching' ? PAGE_BULK_MESSAGES.noneMatch : PAGE_BULK_MESSAGES.nothingSelected })
      }
    }
    if (problems.length > 0 || !preview) return showList(reply, filters, { ...bulk, problems })

    const back = reviewSearchParams({}, DEFAULT_REVIEW_SORT)
    for (const [name, value] of Object.entries(filters)) if (typeof value === 'string' && value.trim() !== '') back.set(name, value.trim())
    const count = preview.actions.length
    return reply.view('pages/admin/actions/bulk-confirm.njk', {
      count,
      countText: `${count} ${count === 1 ? 'action' : 'actions'}`,
      status: bulk.status,
      statusLabel: actionStatusLabels[bulk.status as keyof typeof actionStatusLabels],
      comment: bulk.comment,
      limit: BULK_STATUS_LIMIT,
      actionIds: preview.actions.map((a) => a.id),
      actions: rowsForPage(preview.actions),
      hidden: hiddenFields(back),
      backUrl: `/admin/actions${back.toString() ? `?${back.toString()}` : ''}`,
    })
  })

  app.post('/bulk-status/confirm', { schema: { hide: true, body: BulkBody } }, async (request, reply) => {
    const body = request.body as BulkValues
    const filters = filtersOf(body)
    const actionIds = idsOf(body.actionIds)
    let results
    try {
      results = await bulkChangeActionStatus(deps, { actionIds, status: body.newStatus, comment: body.comment }, staffRequest(request))
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error
      return showList(reply, filters, {
        scope: 'selected',
        status: (body.newStatus ?? '').trim(),
        comment: (body.comment ?? '').trim(),
        actionIds,
        problems: error.fields.map((f) => ({ field: f.field, message: f.field === 'status' ? PAGE_BULK_MESSAGES.status : f.field === 'comment' ? PAGE_BULK_MESSAGES.comment : PAGE_BULK_MESSAGES.nothingSelected })),
      })
    }
    const notChanged = results.filter((r) => !r.changed)
    const { actions } = notChanged.length > 0 ? await previewBulkSelection(deps, { actionIds: notChanged.map((r) => r.actionId) }) : { actions: [] }
    const byId = new Map(actions.map((a) => [a.id, a]))
    const changed = results.length - notChanged.length
    const back = new URLSearchParams()
    for (const [name, value] of Object.entries(filters)) if (typeof value === 'string' && value.trim() !== '' && name !== 'cursor') back.set(name, value.trim())
    return reply.view('pages/admin/actions/bulk-done.njk', {
      changed,
      changedText: `${changed} ${changed === 1 ? 'action' : 'actions'}`,
      statusLabel: actionStatusLabels[body.newStatus as keyof typeof actionStatusLabels],
      notChanged: notChanged.map((r) => {
        const action = byId.get(r.actionId)
        return {
          summary: action?.summary ?? 'An action that no longer exists',
          candidate: action?.candidate.name ?? '',
          candidateUrl: action ? candidateUrl(action.bookingId) : null,
          reason: BULK_REASON_TEXT[r.reason!],
        }
      }),
      backUrl: `/admin/actions${back.toString() ? `?${back.toString()}` : ''}`,
    })
  })
}

export default bulkStatusPages
