import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import {
  ACTION_CATEGORIES,
  ACTION_STATUSES,
  actionCategoryLabels,
  actionOwnerLabels,
  actionStatusColours,
  actionStatusLabels,
  type ActionCategory,
  type ActionStatus,
} from '../../../../domain/actions/types.js'
import type { FieldProblem } from '../../../../domain/errors.js'
import { errorsView } from '../../../../http/error-summary.js'
import { londonDate } from '../../../../domain/reports/index.js'
import { formatDate } from '../../../../domain/time/index.js'
import {
  listActionsForReview,
  listCoachesForReview,
  summariseActionsForReview,
  type ActionReviewFilters,
} from '../../../../repositories/reports.js'
import { listProgrammes } from '../../../../repositories/programmes.js'

/**
 * /admin/actions: the follow-up actions agreed in every conversation, for the
 * programme team to review: what is overdue, stuck, done; by coach and by
 * category. Filters are a GET form (bookmarkable). Only the action itself, its
 * coach and the booking reference are shown: never the notes. Access:
 * ../autohooks.ts (admins only).
 */

const PAGE_SIZE = 50

const Query = Type.Object({
  programme: Type.Optional(Type.String({ maxLength: 100 })),
  coach: Type.Optional(Type.String({ maxLength: 100 })),
  category: Type.Optional(Type.String({ maxLength: 100 })),
  status: Type.Optional(Type.String({ maxLength: 100 })),
  overdue: Type.Optional(Type.String({ maxLength: 10 })),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
})

const option = (value: string, text: string, selected: string) => ({ value, text, selected: value === selected })

const adminActions: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/', { schema: { hide: true, querystring: Query } }, async (request, reply) => {
    const query = request.query
    const values = {
      programme: (query.programme ?? '').trim(),
      coach: (query.coach ?? '').trim(),
      category: (query.category ?? '').trim(),
      status: (query.status ?? '').trim(),
      overdue: query.overdue === 'yes',
    }
    const [programmes, coaches] = await Promise.all([listProgrammes(app.pg.pool), listCoachesForReview(app.pg.pool)])

    const problems: FieldProblem[] = []
    if (values.programme && !programmes.some((p) => p.id === values.programme)) problems.push({ field: 'programme', message: 'Choose a programme from the list' })
    if (values.coach && !coaches.some((c) => c.id === values.coach)) problems.push({ field: 'coach', message: 'Choose a coach from the list' })
    if (values.category && !(ACTION_CATEGORIES as readonly string[]).includes(values.category)) problems.push({ field: 'category', message: 'Choose a category from the list' })
    if (values.status && !(ACTION_STATUSES as readonly string[]).includes(values.status)) problems.push({ field: 'status', message: 'Choose a status from the list' })

    const view = {
      values,
      ...errorsView(problems),
      programmeOptions: [option('', 'All programmes', values.programme), ...programmes.map((p) => option(p.id, p.active ? p.name : `${p.name} (closed)`, values.programme))],
      coachOptions: [option('', 'All coaches', values.coach), ...coaches.map((c) => option(c.id, c.name, values.coach))],
      categoryOptions: [option('', 'All categories', values.category), ...ACTION_CATEGORIES.map((c) => option(c, actionCategoryLabels[c], values.category))],
      statusOptions: [option('', 'All statuses', values.status), ...ACTION_STATUSES.map((s) => option(s, actionStatusLabels[s], values.status))],
      filtered: Boolean(values.programme || values.coach || values.category || values.status || values.overdue),
      today: formatDate(app.clock.now()),
    }
    if (problems.length > 0) return reply.code(400).view('pages/admin/actions/index.njk', view)

    const filters: ActionReviewFilters = {
      today: londonDate(app.clock.now()),
      ...(values.programme ? { programmeId: values.programme } : {}),
      ...(values.coach ? { coachId: values.coach } : {}),
      ...(values.category ? { category: values.category as ActionCategory } : {}),
      ...(values.status ? { status: values.status as ActionStatus } : {}),
      ...(values.overdue ? { overdueOnly: true } : {}),
    }
    const page = query.page ?? 1
    const [summary, listing] = await Promise.all([
      summariseActionsForReview(app.pg.pool, filters),
      listActionsForReview(app.pg.pool, filters, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
    ])
    const pageUrl = (n: number) => {
      const params = new URLSearchParams()
      for (const key of ['programme', 'coach', 'category', 'status'] as const) if (values[key]) params.set(key, values[key])
      if (values.overdue) params.set('overdue', 'yes')
      if (n > 1) params.set('page', String(n))
      const text = params.toString()
      return `/admin/actions${text ? `?${text}` : ''}`
    }
    const lastPage = Math.max(1, Math.ceil(listing.total / PAGE_SIZE))
    return reply.view('pages/admin/actions/index.njk', {
      ...view,
      summary: {
        totals: summary.totals,
        byCoach: summary.byCoach,
        byCategory: summary.byCategory.map((row) => ({ ...row, label: actionCategoryLabels[row.category] })),
      },
      actions: listing.rows.map((row) => ({
        summary: row.summary,
        owner: actionOwnerLabels[row.owner],
        due: formatDate(row.dueOn, 'UTC'),
        overdue: row.overdue,
        status: actionStatusLabels[row.status],
        statusColour: actionStatusColours[row.status],
        category: actionCategoryLabels[row.category],
        coach: row.coachName,
        reference: row.bookingReference,
        programme: row.programmeName,
      })),
      showing:
        listing.total === 0 || (page - 1) * PAGE_SIZE >= listing.total
          ? null
          : { from: (page - 1) * PAGE_SIZE + 1, to: Math.min(page * PAGE_SIZE, listing.total), total: listing.total },
      previousUrl: page > 1 ? pageUrl(Math.min(page - 1, lastPage)) : null,
      nextUrl: page < lastPage ? pageUrl(page + 1) : null,
    })
  })
}

export default adminActions
