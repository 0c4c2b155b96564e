import { Type, type Static } from 'typebox'
import type { ProgrammeForApi } from '../repositories/programme-access.js'

export const Programme = Type.Object({
  id: Type.String({ format: 'uuid' }),
  slug: Type.String(),
  name: Type.String(),
  conversationModel: Type.String({ description: 'Key of the conversation model, see /api/v1/conversation-models' }),
  durationMinutes: Type.Integer(),
  whoMayBook: Type.Union([Type.Literal('anyone'), Type.Literal('domains'), Type.Literal('invited')], {
    description: 'anyone with the link; only email addresses on the programme\'s domains; only people invited',
  }),
  emailDomains: Type.Array(Type.String(), { description: 'For whoMayBook "domains": the domains accepted' }),
  asksEmailCode: Type.Boolean({ description: 'A booking without an invitation needs `emailCode` (POST /api/v1/email-codes)' }),
  cancellationCutoffHours: Type.Integer({ description: 'Candidates can change or cancel online up to this many hours before the conversation (0: up to the start)' }),
})

export const ProgrammeReply = Type.Object({ programme: Programme })


export function programmeJson(programme: ProgrammeForApi): Static<typeof Programme> {
  return {
    id: programme.id,
    slug: programme.slug,
    name: programme.name,
    conversationModel: programme.conversationModelKey,
    durationMinutes: programme.durationMinutes,
    whoMayBook: programme.access.whoMayBook,
    emailDomains: programme.access.emailDomains,
    asksEmailCode: programme.access.asksEmailCode,
    cancellationCutoffHours: programme.cancellationCutoffHours,
  }
}
