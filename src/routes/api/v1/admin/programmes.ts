import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { WHO_MAY_BOOK } from '../../../../domain/booking/types.js'
import { changeProgrammeAccess } from '../../../../domain/programmes/who-may-book-settings.js'
import { staffRequest } from '../../../../http/staff-request.js'
import { ErrorBody } from '../../../../schemas/common.js'
import { inFieldContext } from '../../../../schemas/field-context.js'
import { ProgrammeReply, programmeJson } from '../../../../schemas/programme.js'
import { findProgrammeForApi } from '../../../../repositories/programme-access.js'

const AccessPatch = Type.Object(
  {
    whoMayBook: Type.Optional(Type.Union(WHO_MAY_BOOK.map((value) => Type.Literal(value)), { description: 'anyone with the link, email addresses on emailDomains, or only people invited' })),
    emailDomains: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 253 }), { maxItems: 50, description: 'Domains like nhs.net (no @), for whoMayBook "domains"' })),
    asksEmailCode: Type.Optional(Type.Boolean({ description: 'Candidates without an invitation prove their email address with a code' })),
    liveBookingsPerEmail: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, description: 'Live bookings one email address may have on the programme' })),
    cancellationCutoffHours: Type.Optional(Type.Integer({ minimum: 0, maximum: 336, description: 'Candidates can change or cancel online up to this many hours before (0: up to the start)' })),
  },
  { additionalProperties: false, minProperties: 1 },
)

/** Who may book each programme. Access: ./autohooks.ts (admins). */
const adminProgrammes: FastifyPluginAsyncTypebox = async (app) => {
  const deps = app.deps

  app.patch(
    '/programmes/:slug',
    {
      schema: {
        tags: ['programmes'],
        summary: 'Change who may book a programme, whether it asks for proof of the address, live bookings per address and the cancellation cut-off',
        params: Type.Object({ slug: Type.String({ minLength: 1, maxLength: 100 }) }),
        body: AccessPatch,
        response: { 200: ProgrammeReply, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => {
      const { id } = await inFieldContext('body', () => changeProgrammeAccess(deps, request.params.slug, request.body, staffRequest(request)))
      return { programme: programmeJson((await findProgrammeForApi(app.pg.pool, id))!) }
    },
  )
}

export default adminProgrammes
