import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { DateTime } from 'luxon'
import { NotFoundError } from '../../../../domain/errors.js'
import { formatDate, formatDateTimeRange } from '../../../../domain/time/index.js'
import { waitlistFigures } from '../../../../domain/waitlist/figures.js'
import { leaveWaitlist } from '../../../../domain/waitlist/manage.js'
import { describeDays, describePartsOfDay } from '../../../../domain/waitlist/preferences.js'
import { describeDates, describeDeadline } from '../../../../emails/waitlist-emails.js'
import { findEntry, listLine, waitlistLengths } from '../../../../repositories/waitlist.js'

/**
 * /admin/waitlist: each programme's waitlist for the programme team.
 *
 *   /admin/waitlist                           the programmes and how many wait on each
 *   /admin/waitlist/:programme                the line in order, the time held for each, the last 90 days' figures
 *   POST /admin/waitlist/:programme/:entryId/remove   takes someone off (audited); a time held for them goes to the next person
 *
 * Access: ../autohooks.ts (admins only).
 */
const ProgrammeParams = Type.Object({ programme: Type.String({ minLength: 1, maxLength: 100 }) })
const RemoveParams = Type.Object({ programme: Type.String({ minLength: 1, maxLength: 100 }), entryId: Type.String({ format: 'uuid' }) })
const FIGURES_DAYS = 90

const adminWaitlist: FastifyPluginAsyncTypebox = async (app) => {
  const deps = app.deps

  app.get('/', { schema: { hide: true } }, async (_request, reply) => {
    const programmes = await waitlistLengths(app.pg.pool)
    return reply.view('pages/admin/waitlist/index.njk', {
      programmes: programmes.map((programme) => ({ ...programme, href: `/admin/waitlist/${encodeURIComponent(programme.slug)}` })),
    })
  })

  async function programmeOf(slug: string) {
    const programme = (await waitlistLengths(app.pg.pool)).find((candidate) => candidate.slug === slug)
    if (!programme) throw new NotFoundError('There is no programme with that name')
    return programme
  }

  app.get('/:programme', { schema: { hide: true, params: ProgrammeParams, querystring: Type.Object({ removed: Type.Optional(Type.String({ maxLength: 300 })) }) } }, async (request, reply) => {
    const programme = await programmeOf(request.params.programme)
    const now = app.clock.now()
    const [line, figures] = await Promise.all([
      listLine(app.pg.pool, programme.id),
      waitlistFigures(app.pg.pool, { programmeId: programme.id, start: new Date(now.getTime() - FIGURES_DAYS * 86_400_000), end: now, now }),
    ])
    reply.header('cache-control', 'no-store')
    return reply.view('pages/admin/waitlist/programme.njk', {
      programme,
      figures,
      figuresDays: FIGURES_DAYS,
      removedName: request.query.removed ?? null,
      line: line.map((entry, index) => ({
        place: index + 1,
        id: entry.id,
        name: entry.candidateName,
        email: entry.candidateEmail,
        joined: formatDate(entry.createdAt),
        daysWaiting: Math.floor(DateTime.fromJSDate(now).diff(DateTime.fromJSDate(entry.createdAt), 'days').days),
        suits: `${describeDays(entry.days)}; ${describePartsOfDay(entry.partsOfDay).toLowerCase()}; ${describeDates(entry).replace(/^./, (first) => first.toLowerCase())}`,
        offer: entry.offer ? `${formatDateTimeRange(entry.offer.startsAt, entry.offer.endsAt)}, held until ${describeDeadline(entry.offer.expiresAt, 'Europe/London')}` : null,
        removeAction: `/admin/waitlist/${encodeURIComponent(programme.slug)}/${entry.id}/remove`,
      })),
      backLink: { href: '/admin/waitlist', text: 'All waitlists' },
    })
  })

  app.post('/:programme/:entryId/remove', { schema: { hide: true, params: RemoveParams, body: Type.Object({ _csrf: Type.Optional(Type.String({ maxLength: 200 })) }) } }, async (request, reply) => {
    const programme = await programmeOf(request.params.programme)
    const entry = await findEntry(app.pg.pool, request.params.entryId)
    if (!entry || entry.programmeId !== programme.id) throw new NotFoundError('There is no such person on this waitlist')
    await leaveWaitlist(deps, entry.id, { kind: 'admin' })
    await app.audit.recordRequest(request, { action: 'waitlist.remove', subjectType: 'waitlist_entry', subjectId: entry.id, result: 'success' })
    return reply.redirect(`/admin/waitlist/${encodeURIComponent(programme.slug)}?removed=${encodeURIComponent(entry.candidateName)}`, 303)
  })
}

export default adminWaitlist
