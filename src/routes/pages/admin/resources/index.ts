import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply } from 'fastify'
import { Type } from 'typebox'
import type { FieldProblem } from '../../../../domain/errors.js'
import { errorsView } from '../../../../http/error-summary.js'
import { addResource, checkResourceInput, removeResource } from '../../../../domain/resources/resource-library.js'
import { staffRequest } from '../../../../http/staff-request.js'
import { listActiveProgrammes } from '../../../../repositories/programmes.js'
import { listLibrary } from '../../../../repositories/resources.js'

/** /admin/resources: each programme's resource library, which coaches signpost in agreed actions. Access: ../autohooks.ts. */
const resources: FastifyPluginAsyncTypebox = async (app) => {
  const deps = app.deps
  const programmes = () => listActiveProgrammes(app.pg.pool)

  async function render(reply: FastifyReply, errors: FieldProblem[] = [], values: Record<string, string> = {}, banner: string | null = null) {
    const list = await programmes()
    return reply.code(errors.length > 0 ? 400 : 200).view('pages/admin/resources/index.njk', {
      resources: await listLibrary(app.pg.pool),
      programmeItems: [{ value: '', text: 'Select a programme' }, ...list.map((p) => ({ value: p.id, text: p.name, selected: values.programme === p.id }))],
      values,
      banner,
      ...errorsView(errors),
    })
  }

  app.get('/', { schema: { hide: true, querystring: Type.Object({ done: Type.Optional(Type.String({ maxLength: 20 })) }) } }, async (request, reply) => {
    const banners: Record<string, string> = { added: 'The resource has been added', removed: 'The resource has been removed' }
    return render(reply, [], {}, banners[request.query.done ?? ''] ?? null)
  })

  const Field = Type.Optional(Type.String({ maxLength: 5000 }))
  app.post(
    '/',
    { schema: { hide: true, body: Type.Object({ _csrf: Field, programme: Field, title: Field, url: Field, description: Field }) } },
    async (request, reply) => {
      const ids = new Set((await programmes()).map((p) => p.id))
      const checked = checkResourceInput(request.body, ids)
      const { _csrf: _ignored, ...values } = request.body
      if (!checked.ok) return render(reply, checked.errors, values as Record<string, string>)
      await addResource(deps, checked.value, staffRequest(request))
      return reply.redirect('/admin/resources?done=added', 303)
    },
  )

  app.post(
    '/:id/remove',
    { schema: { hide: true, params: Type.Object({ id: Type.String({ format: 'uuid' }) }) } },
    async (request, reply) => {
      await removeResource(deps, request.params.id, staffRequest(request))
      return reply.redirect('/admin/resources?done=removed', 303)
    },
  )
}

export default resources
