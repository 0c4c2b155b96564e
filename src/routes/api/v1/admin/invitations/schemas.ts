/** JSON shapes of the invitations API (not a plugin: autoload loads only index.ts here). */
import { Type, type Static } from 'typebox'
import { INVITATION_NOTE_MAX_LENGTH } from '../../../../../domain/booking/service/invitations.js'
import { EMAIL_MAX_LENGTH, NAME_MAX_LENGTH, PHONE_MAX_LENGTH } from '../../../../../domain/booking/rules.js'
import { INVITATION_BATCH_MAX } from '../../../../../domain/invitations/index.js'
import type { ProgrammeSettings } from '../../../../../domain/booking/types.js'
import type { InvitationListing, InvitationRecord } from '../../../../../repositories/invitations.js'
import { Nullable } from '../../../../../schemas/common.js'

const Instant = Type.String({ format: 'date-time', examples: ['2026-03-02T09:30:00.000Z'] })

const ProgrammeKey = Type.String({
  minLength: 1,
  maxLength: 100,
  description: 'Programme id or slug, see /api/v1/programmes',
  examples: ['vaccinators'],
})

const InvitationStatusSchema = Type.Union(
  [Type.Literal('sent'), Type.Literal('booked'), Type.Literal('expired'), Type.Literal('withdrawn')],
  { description: 'sent: the link works; booked: used to book; expired: 60 days passed; withdrawn by the programme team' },
)

export const CreateInvitationBody = Type.Object(
  {
    programme: ProgrammeKey,
    name: Type.String({ minLength: 1, maxLength: NAME_MAX_LENGTH }),
    email: Type.String({ minLength: 1, maxLength: EMAIL_MAX_LENGTH, description: 'Stored in lower case' }),
    phone: Type.Optional(Nullable(Type.String({ maxLength: PHONE_MAX_LENGTH }))),
    note: Type.Optional(Nullable(Type.String({ maxLength: INVITATION_NOTE_MAX_LENGTH, description: 'For the programme team; never shown to the candidate' }))),
  },
  { additionalProperties: false },
)

/**
 * A batch item: the same fields, each checked on its own so that one bad item
 * is reported by its index rather than refusing the whole batch.
 */
const BatchItem = Type.Object(
  {
    programme: Type.Optional(Type.String({ maxLength: 100 })),
    name: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
    email: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
    phone: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
    note: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
  },
  { additionalProperties: false },
)

export const BatchBody = Type.Object(
  {
    invitations: Type.Array(BatchItem, {
      minItems: 1,
      maxItems: INVITATION_BATCH_MAX,
      description: `Up to ${INVITATION_BATCH_MAX}; each like the body of POST /api/v1/admin/invitations`,
    }),
  },
  { additionalProperties: false },
)

const Invitation = Type.Object({
  id: Type.String({ format: 'uuid' }),
  programme: Type.Object({ id: Type.String({ format: 'uuid' }), slug: Type.String(), name: Type.String() }),
  name: Type.String(),
  email: Type.String(),
  phone: Nullable(Type.String()),
  note: Nullable(Type.String()),
  status: InvitationStatusSchema,
  createdAt: Instant,
  expiresAt: Instant,
  emailSentAt: Nullable({ ...Instant, description: 'When the mail server accepted the invitation email; null until then' }),
})
type InvitationJson = Static<typeof Invitation>

export const InvitationReply = Type.Object({ invitation: Invitation })

export const BatchReply = Type.Object({
  invited: Type.Array(Type.Object({ index: Type.Integer({ description: 'Position in the batch, from 0' }), invitation: Invitation })),
  errors: Type.Array(
    Type.Object({
      index: Type.Integer({ description: 'Position in the batch, from 0' }),
      error: Type.Union([Type.Literal('validation_failed'), Type.Literal('already_invited'), Type.Literal('duplicate_in_batch')]),
      field: Type.String({ examples: ['email'] }),
      message: Type.String(),
    }),
    { description: 'One entry per problem; an item with any problem is not invited' },
  ),
})

export const ListQuery = Type.Object({
  status: Type.Optional(InvitationStatusSchema),
  programme: Type.Optional(Type.String({ format: 'uuid', description: 'Programme id' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
})

export const ListReply = Type.Object({
  invitations: Type.Array(Invitation, { description: 'Newest first' }),
  total: Type.Integer({ description: 'How many match, over every page' }),
})

export const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) })

export function invitationJson(invitation: InvitationListing): InvitationJson {
  return {
    id: invitation.id,
    programme: invitation.programme,
    name: invitation.name,
    email: invitation.email,
    phone: invitation.phone,
    note: invitation.note,
    status: invitation.status,
    createdAt: invitation.createdAt.toISOString(),
    expiresAt: invitation.expiresAt.toISOString(),
    emailSentAt: invitation.emailSentAt?.toISOString() ?? null,
  }
}

/** A just-made invitation (its email not sent yet). */
export function newInvitationJson(invitation: InvitationRecord, programme: Pick<ProgrammeSettings, 'id' | 'slug' | 'name'>): InvitationJson {
  const { programmeId: _programmeId, ...rest } = invitation
  return invitationJson({ ...rest, programme: { id: programme.id, slug: programme.slug, name: programme.name }, emailSentAt: null })
}
