import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { NEW_ACCOUNT_LINK_MS } from '../../../../domain/staff/password-links.js'
import { formatDuration } from '../../../../domain/time/index.js'
import { listStaff } from '../../../../repositories/staff.js'
import deactivatePages from './deactivate.js'
import newAccountPage from './new-account.js'
import personPages from './person.js'
import coachProgrammesPage from './programmes.js'
import { personView } from './staff-account.js'

/**
 * /admin/staff: the programme team looks after staff accounts (access:
 * ../autohooks.ts, admins only). List everyone; add a coach or admin (who is
 * emailed a link to choose their password); on one person's page change the programmes they coach on,
 * their role, deactivate or reactivate the account, or reset their
 * two-factor sign-in. The rules are in src/domain/staff/manage-accounts.ts.
 *
 *   GET  /                          everyone                                  here
 *   GET  /new, POST                 add a coach or admin                      ./new-account.ts
 *   GET  /:id                       one person; their role, reactivate, two-factor reset   ./person.ts
 *   POST /:id/programmes            the programmes a coach coaches on         ./programmes.ts
 *   GET  /:id/deactivate, POST      deactivate, with a coach's conversations  ./deactivate.ts
 *
 * Autoload loads only this file in the folder: it registers the others.
 */
const adminStaff: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/',
    { schema: { hide: true, querystring: Type.Object({ added: Type.Optional(Type.String({ format: 'uuid' })) }) } },
    async (request, reply) => {
      const staff = await listStaff(app.pg.pool)
      const added = request.query.added ? staff.find((person) => person.id === request.query.added) : undefined
      return reply.view('pages/staff/admin-staff-list.njk', {
        staff: staff.map(personView),
        added: added ? { name: added.name, linkWorksFor: formatDuration(NEW_ACCOUNT_LINK_MS / 60_000) } : null,
        me: request.staff!.userId,
      })
    },
  )

  await app.register(newAccountPage)
  await app.register(personPages)
  await app.register(coachProgrammesPage)
  await app.register(deactivatePages)
}

export default adminStaff
