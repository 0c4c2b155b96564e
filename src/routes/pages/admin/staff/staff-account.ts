/**
 * What the staff account pages share: the path's account, how one person is
 * shown, and the redirect back to their page once something changed.
 */
import type { FastifyInstance, FastifyReply } from 'fastify'
import { Type } from 'typebox'
import { NotFoundError } from '../../../../domain/errors.js'
import { formatDate } from '../../../../domain/time/index.js'
import { findStaffListEntry, type StaffListEntry } from '../../../../repositories/staff.js'

export const EmptyForm = Type.Object({ _csrf: Type.Optional(Type.String()) }, { additionalProperties: false })
export const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) })
export const CHANGES = ['role', 'deactivated', 'reactivated', 'two-factor', 'programmes'] as const
export type Change = (typeof CHANGES)[number]

const ROLE_TEXT = { coach: 'Coach', admin: 'Admin' } as const

export function personView(person: StaffListEntry) {
  return {
    id: person.id,
    name: person.name,
    email: person.email,
    role: person.role,
    roleText: ROLE_TEXT[person.role],
    active: person.active,
    twoFactor: person.twoFactor,
    isCoach: person.coachId !== null,
    programmes: person.programmes,
    programmesText: person.programmes.length > 0 ? person.programmes.join(', ') : person.coachId ? 'None' : 'Not a coach',
    addedOn: formatDate(person.createdAt),
  }
}

export const done = (reply: FastifyReply, id: string, change: Change) => reply.redirect(`/admin/staff/${id}?changed=${change}`, 303)

/** The account of the path, for the pages that change a coach's conversations, with the app's pool. */
export function staffAccounts(app: FastifyInstance) {
  /** A coach's account: why, then the plan for their booked conversations, then done (src/domain/coach-changes). */
  async function coachToDeactivate(id: string) {
    const person = await findStaffListEntry(app.pg.pool, id)
    if (!person) throw new NotFoundError('There is no staff account with that id')
    return person
  }

  return { coachToDeactivate }
}
