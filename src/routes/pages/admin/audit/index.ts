import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { DateTime } from 'luxon'
import { Type } from 'typebox'
import { DataProtectionAuditActions } from '../../../../domain/data-protection/index.js'
import type { FieldProblem } from '../../../../domain/errors.js'
import { errorsView } from '../../../../http/error-summary.js'
import { formatDate, formatTime } from '../../../../domain/time/index.js'
import { searchAuditLog, type AuditSearch } from '../../../../repositories/data-protection-audit.js'
import { readDateInput, type DateInputValues } from '../../../../domain/time/date-input.js'
import { numberedPage } from '../../../../http/numbered-pages.js'

/**
 * /admin/audit: the audit log, searched by who (actor), what (action), which
 * record (subject type and id) and when (dates, UK time), newest first, 50 to
 * a page. Access: ../autohooks.ts (admins only).
 *
 * Each search is itself recorded ('audit.search', with its filters: ids and
 * action names only): the log shows who looked into whose activity. The
 * filters are a GET form, so a search can be bookmarked and shared; they hold
 * ids, never names or addresses.
 */

const PAGE_SIZE = 50
const FIELD_MAX = 200

const Query = Type.Object({
  actor: Type.Optional(Type.String({ maxLength: FIELD_MAX })),
  action: Type.Optional(Type.String({ maxLength: FIELD_MAX })),
  subjectType: Type.Optional(Type.String({ maxLength: FIELD_MAX })),
  subjectId: Type.Optional(Type.String({ maxLength: FIELD_MAX })),
  'from-day': Type.Optional(Type.String({ maxLength: 10 })),
  'from-month': Type.Optional(Type.String({ maxLength: 10 })),
  'from-year': Type.Optional(Type.String({ maxLength: 10 })),
  'to-day': Type.Optional(Type.String({ maxLength: 10 })),
  'to-month': Type.Optional(Type.String({ maxLength: 10 })),
  'to-year': Type.Optional(Type.String({ maxLength: 10 })),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
})

const ACTOR = /^((staff|candidate):[A-Za-z0-9_-]{1,64}|anonymous|system)$/
const ACTION = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$/
const SUBJECT_TYPE = /^[a-z][a-z0-9_]{0,63}$/
const SUBJECT_ID = /^[A-Za-z0-9_.:-]{1,128}$/
const ZONE = 'Europe/London'

/** A date from three boxes (blank: none), as the start of that day in UK time. */
function readDate(values: DateInputValues, label: string): { date?: Date; error?: string } {
  const reading = readDateInput(values, label)
  if (reading.kind === 'blank') return {}
  if (reading.kind === 'problem') return { error: reading.message }
  return { date: DateTime.fromISO(reading.iso, { zone: ZONE }).toJSDate() }
}

const when = (date: Date) => `${formatDate(date)}, ${formatTime(date)}`

/** Text in pieces of at most 16 characters, for the page to join with <wbr>: ids and keys are long unbroken words. */
const pieces = (text: string) => text.match(/[\s\S]{1,16}/g) ?? []

const auditLog: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/', { schema: { hide: true, querystring: Query } }, async (request, reply) => {
    const query = request.query
    const text = (value: string | undefined) => (value ?? '').trim()
    const values = {
      actor: text(query.actor),
      action: text(query.action),
      subjectType: text(query.subjectType),
      subjectId: text(query.subjectId),
      from: { day: query['from-day'] ?? '', month: query['from-month'] ?? '', year: query['from-year'] ?? '' },
      to: { day: query['to-day'] ?? '', month: query['to-month'] ?? '', year: query['to-year'] ?? '' },
    }
    const problems: FieldProblem[] = []
    if (values.actor && !ACTOR.test(values.actor)) {
      problems.push({ field: 'actor', message: 'Enter who as staff:<id>, candidate:<booking id>, system or anonymous' })
    }
    if (values.action && !ACTION.test(values.action)) {
      problems.push({ field: 'action', message: 'Enter an action in lower case, like staff.sign_in' })
    }
    if (values.subjectType && !SUBJECT_TYPE.test(values.subjectType)) {
      problems.push({ field: 'subjectType', message: 'Enter a record type in lower case, like booking' })
    }
    if (values.subjectId && !SUBJECT_ID.test(values.subjectId)) {
      problems.push({ field: 'subjectId', message: 'Enter the record’s id: letters, numbers and - only' })
    }
    const from = readDate(values.from, 'The date from')
    if (from.error) problems.push({ field: 'from', message: from.error })
    const to = readDate(values.to, 'The date to')
    if (to.error) problems.push({ field: 'to', message: to.error })
    const toExclusive = to.date ? DateTime.fromJSDate(to.date, { zone: ZONE }).plus({ days: 1 }).toJSDate() : undefined
    if (from.date && toExclusive && from.date >= toExclusive) problems.push({ field: 'to', message: 'The date to must be the same as or after the date from' })


    const search: AuditSearch = {
      ...(values.actor ? { actor: values.actor } : {}),
      ...(values.action ? { action: values.action } : {}),
      ...(values.subjectType ? { subjectType: values.subjectType } : {}),
      ...(values.subjectId ? { subjectId: values.subjectId } : {}),
      ...(from.date ? { from: from.date } : {}),
      ...(toExclusive ? { to: toExclusive } : {}),
    }
    const page = query.page ?? 1
    const filtered = Object.keys(search).length > 0
    const view = {
      values,
      ...errorsView(problems, { from: 'from-day', to: 'to-day' }),
      filtered,
      entries: [] as unknown[],
      showing: null as null | { from: number; to: number; total: number },
      previousUrl: null as string | null,
      nextUrl: null as string | null,
    }
    if (problems.length > 0) return reply.code(400).view('pages/admin/audit/index.njk', view)

    const { entries, total } = await searchAuditLog(app.pg.pool, search, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE })
    await app.audit.recordRequest(request, {
      action: DataProtectionAuditActions.auditSearch,
      result: 'success',
      details: {
        actor: search.actor ?? null,
        action: search.action ?? null,
        subjectType: search.subjectType ?? null,
        subjectId: search.subjectId ?? null,
        from: search.from?.toISOString() ?? null,
        to: search.to?.toISOString() ?? null,
        page,
        results: total,
      },
    })

    const pageUrl = (n: number) => {
      const params = new URLSearchParams()
      for (const [key, value] of Object.entries(query)) if (key !== 'page' && value !== undefined && value !== '') params.set(key, String(value))
      if (n > 1) params.set('page', String(n))
      const text = params.toString()
      return `/admin/audit${text ? `?${text}` : ''}`
    }
    return reply.view('pages/admin/audit/index.njk', {
      ...view,
      entries: entries.map((entry) => ({
        when: when(entry.occurredAt),
        actor: entry.actor,
        actorPieces: pieces(entry.actor),
        actorName: entry.actorName,
        action: entry.action,
        subject: pieces([entry.subjectType, entry.subjectId].filter(Boolean).join(' ')),
        result: entry.result,
        ip: entry.ip ?? '',
        requestId: pieces(entry.requestId ?? ''),
        details: Object.entries(entry.details).map(([key, value]) => pieces(`${key}: ${Array.isArray(value) ? value.join(', ') : String(value)}`)),
      })),
      ...numberedPage(page, total, PAGE_SIZE, pageUrl),
    })
  })
}

export default auditLog
