import type pg from 'pg'
import type { Clock } from '../clock.js'
import { AuditActions, staffActor, type AuditActor, type AuditLog } from '../audit/events.js'
import { NotFoundError, ValidationError } from '../errors.js'
import { inTransaction } from '../../repositories/db.js'
import { deleteSessionsOfUser } from '../../repositories/sessions.js'
import { findStaffById, updatePasswordHash } from '../../repositories/staff.js'
import { countSignInFailures, insertSignInFailure } from '../../repositories/staff-sign-in-failures.js'
import { TooManySignInAttemptsError } from './errors.js'
import { accountKey, isThrottled, windowStart } from './sign-in-throttle.js'
import { passwordProblem } from './password-policy.js'
import { hashPassword, verifyPassword } from './passwords.js'

/** Staff accounts: choosing a password, and changing one's own. */

interface AccountServices {
  pool: pg.Pool
  clock: Clock
  audit: AuditLog
}

interface SetPassword {
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

interface OwnPasswordChange {
  staffUserId: string
  currentPassword: string
  newPassword: string
  /** The session the person is using: it stays signed in, every other one ends. */
  keepSessionId: string
  ip: string
  requestId?: string | null
}

/**
 * A signed-in person changing their own password: the current one first,
 * then the new one by the rules. Guessing the current password from a
 * session left open is a sign-in attempt like any other, so a wrong one
 * counts against the account's and the address's sign-in limits and, over
 * them, the password is not even checked.
 */
export async function changeOwnPassword(services: AccountServices & { secret: string }, change: OwnPasswordChange): Promise<void> {
  const account = await findStaffById(services.pool, change.staffUserId)
  if (!account) throw new NotFoundError('There is no staff account with that id')
  const now = services.clock.now()
  const key = accountKey(account.email, services.secret)
  const common = { actor: staffActor(account.id), subjectType: 'staff_user', subjectId: account.id, ip: change.ip, requestId: change.requestId ?? null }
  const counts = await countSignInFailures(services.pool, { accountKey: key, ip: change.ip, since: windowStart(now) })
  if (isThrottled(counts)) {
    await services.audit.record({ ...common, action: AuditActions.passwordChanged, result: 'denied', details: { reason: 'rate_limited' } })
    throw new TooManySignInAttemptsError()
  }
  if (!(await verifyPassword(account.passwordHash, change.currentPassword))) {
    await insertSignInFailure(services.pool, { accountKey: key, ip: change.ip, at: now })
    await services.audit.record({ ...common, action: AuditActions.passwordChanged, result: 'failure', details: { reason: 'wrong_current_password' } })
    const message = 'Your current password is not right'
    throw new ValidationError([{ field: 'currentPassword', message }], message)
  }
  await setPassword(services, {
    staffUserId: account.id,
    password: change.newPassword,
    field: 'newPassword',
    keepSessionId: change.keepSessionId,
    ip: change.ip,
    requestId: change.requestId ?? null,
  })
}
