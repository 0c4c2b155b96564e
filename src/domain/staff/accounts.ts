import type pg from 'pg'
import type { Clock } from '../clock.js'
import { AuditActions, staffActor, type AuditActor, type AuditLog } from '../audit/events.js'
import { NotFoundError, ValidationError } from '../errors.js'
import { inTransaction } from '../../repositories/db.js'
import { deleteSessionsOfUser } from '../../repositories/sessions.js'
import { findStaffById, updatePasswordHash } from '../../repositories/staff.js'
import { passwordProblem } from './password-policy.js'
import { hashPassword, verifyPassword } from './passwords.js'

/** Staff accounts: choosing and changing a password. */

export interface AccountServices {
  pool: pg.Pool
  clock: Clock
  audit: AuditLog
}

export interface SetPassword {
  staffUserId: string
  password: string
  /** Who did it (the person themselves, an admin, or 'system' for a reset link); defaults to the person. */
  actor?: AuditActor
  /** This session stays signed in; every other session of the person ends. */
  keepSessionId?: string | null
  ip?: string | null
  requestId?: string | null
  /** Do it inside the caller's transaction (e.g. account creation with its email job). */
  client?: pg.ClientBase
  /** The form field the password came from, for the error. */
  field?: string
}

/**
 * Sets a person's password after checking it against the rules (12
 * characters or more, not a common password, not their email address or
 * name). Every other session of theirs ends. Throws ValidationError with the
 * reason for the person choosing it.
 */
export async function setPassword(services: AccountServices, change: SetPassword): Promise<void> {
  const db = change.client ?? services.pool
  const account = await findStaffById(db, change.staffUserId)
  if (!account) throw new NotFoundError('There is no staff account with that id')
  const problem = passwordProblem(change.password, { email: account.email, name: account.name })
  if (problem) throw new ValidationError([{ field: change.field ?? 'password', message: problem }], problem)

  const passwordHash = await hashPassword(change.password)
  const now = services.clock.now()
  const work = async (client: pg.ClientBase) => {
    await updatePasswordHash(client, account.id, passwordHash, now)
    const ended = await deleteSessionsOfUser(client, account.id, change.keepSessionId ?? undefined)
    await services.audit.record(
      {
        actor: change.actor ?? staffActor(account.id),
        action: AuditActions.passwordChanged,
        result: 'success',
        subjectType: 'staff_user',
        subjectId: account.id,
        ip: change.ip ?? null,
        requestId: change.requestId ?? null,
        details: { sessionsEnded: ended },
      },
      { client },
    )
  }
  if (change.client) return work(change.client)
  await inTransaction(services.pool, work)
}

/** A person changing their own password: the current one first, then the new one by the rules. */
export async function changePassword(
  services: AccountServices,
  change: Omit<SetPassword, 'actor' | 'field'> & { currentPassword: string },
): Promise<void> {
  const account = await findStaffById(change.client ?? services.pool, change.staffUserId)
  if (!account) throw new NotFoundError('There is no staff account with that id')
  if (!(await verifyPassword(account.passwordHash, change.currentPassword))) {
    const message = 'Your current password is not right'
    throw new ValidationError([{ field: 'currentPassword', message }], message)
  }
  await setPassword(services, { ...change, field: 'newPassword', actor: staffActor(account.id) })
}
