import { randomBytes } from 'node:crypto'
import type pg from 'pg'
import { recordStaffChange, type AuditDetails, type StaffRequest } from '../audit/events.js'
import { isEmailAddress } from '../booking/rules.js'
import { ConflictError, ForbiddenError, NotFoundError, ValidationError, type FieldProblem } from '../errors.js'
import { PG_UNIQUE_VIOLATION, inTransaction, isPgError, type Queryable } from '../../repositories/db.js'
import { deleteSessionsOfUser } from '../../repositories/sessions.js'
import {
  addCoachToProgrammes,
  findCoachOpenProgrammeIds,
  findStaffByEmail,
  findStaffById,
  insertCoachProfile,
  insertStaffUser,
  listProgrammesForStaff,
  removeCoachFromProgrammes,
  setStaffActive,
  setStaffRole,
  type StaffAccount,
  type StaffRole,
} from '../../repositories/staff.js'
import { closePasswordLinksOfUser } from '../../repositories/staff-password-links.js'
import { deletePendingSignInsOfUser } from '../../repositories/staff-pending-sign-ins.js'
import { deleteTwoFactor, endSessionsOwingTwoFactor } from '../../repositories/staff-two-factor.js'
import { StaffAuditActions } from './audit-actions.js'
import { createPasswordLink, type PasswordLinkServices } from './password-links.js'
import { hashPassword } from './passwords.js'
import { normaliseEmail } from './sign-in-throttle.js'

/**
 * Staff accounts as admins look after them: adding a coach or admin (who
 * gets an email with a link to choose their password), changing a role,
 * switching an account off and on, and removing someone's two-factor when
 * they have lost their phone and their recovery codes. Every change is in
 * the audit log, with the admin as actor. An admin cannot do these to their
 * own account, so nobody locks themselves (or everyone) out by mistake.
 */


const STAFF_ROLES: readonly StaffRole[] = ['coach', 'admin']

interface NewStaffAccount {
  name: string
  email: string
  role: string
  /** For a coach: the programmes they coach on. */
  programmeIds: string[]
}

/** The problems with a new account's details, as the form shows them (field order). */
async function newAccountProblems(db: Queryable, input: NewStaffAccount): Promise<FieldProblem[]> {
  const problems: FieldProblem[] = []
  const name = input.name.trim()
  const email = normaliseEmail(input.email)
  if (name === '') problems.push({ field: 'name', message: 'Enter their full name' })
  else if (name.length > 200) problems.push({ field: 'name', message: 'Full name must be 200 characters or fewer' })
  if (email === '') problems.push({ field: 'email', message: 'Enter their email address' })
  else if (email.length > 320 || !isEmailAddress(email)) {
    problems.push({ field: 'email', message: 'Enter an email address in the correct format, like name@example.nhs.uk' })
  } else if (await findStaffByEmail(db, email)) {
    problems.push({ field: 'email', message: 'There is already a staff account with this email address' })
  }
  if (!STAFF_ROLES.includes(input.role as StaffRole)) {
    problems.push({ field: 'role', message: 'Select whether they are a coach or an admin' })
  } else if (input.role === 'coach') {
    const known = new Set((await listProgrammesForStaff(db)).map((programme) => programme.id))
    if (input.programmeIds.length === 0) {
      problems.push({ field: 'programmes', message: 'Select the programmes they will coach on' })
    } else if (!input.programmeIds.every((id) => known.has(id))) {
      problems.push({ field: 'programmes', message: 'Select programmes from the list' })
    }
  }
  return problems
}

/**
 * Adds a coach (with a coach profile on their programmes) or an admin, and
 * emails them a link to choose their password (1 hour). Until then the
 * account's password is a random one nobody knows. ValidationError with
 * the form's fields when something is missing or wrong.
 */
export async function createStaffAccount(
  services: Pick<PasswordLinkServices, 'pool' | 'clock' | 'audit' | 'jobs'>,
  input: NewStaffAccount,
  by: StaffRequest,
): Promise<string> {
  const problems = await newAccountProblems(services.pool, input)
  if (problems.length > 0) throw new ValidationError(problems)
  const role = input.role as StaffRole
  const passwordHash = await hashPassword(randomBytes(32).toString('base64url'))
  const now = services.clock.now()
  try {
    return await inTransaction(services.pool, async (client) => {
      const id = await insertStaffUser(client, { email: normaliseEmail(input.email), name: input.name.trim(), role, passwordHash }, now)
      if (role === 'coach') {
        const coachId = await insertCoachProfile(client, id, now)
        await addCoachToProgrammes(client, coachId, input.programmeIds)
      }
      const passwordLinkId = await createPasswordLink(services, client, id, 'new_account')
      await recordAdminChange(services, client, by, id, StaffAuditActions.accountCreated, {
        role,
        programmeIds: role === 'coach' ? input.programmeIds : [],
        passwordLinkId,
      })
      return id
    })
  } catch (error) {
    // Two admins adding the same address at once: the unique index decides.
    if (isPgError(error, PG_UNIQUE_VIOLATION)) {
      throw new ValidationError([{ field: 'email', message: 'There is already a staff account with this email address' }])
    }
    throw error
  }
}

async function recordAdminChange(
  services: Pick<PasswordLinkServices, 'audit'>,
  client: pg.ClientBase,
  by: StaffRequest,
  staffUserId: string,
  action: string,
  details: AuditDetails,
): Promise<void> {
  await recordStaffChange(services.audit, client, by, { action, subjectType: 'staff_user', subjectId: staffUserId, details })
}

async function otherAccount(db: Queryable, staffUserId: string, by: StaffRequest): Promise<StaffAccount> {
  const account = await findStaffById(db, staffUserId)
  if (!account) throw new NotFoundError('There is no staff account with that id')
  if (account.id === by.staff.userId) throw new ForbiddenError('You cannot change your own account here. Ask another admin.')
  return account
}

/**
 * Makes a coach an admin or an admin a coach (given a coach profile if they
 * had none). Their sessions end: they sign in again under the new role, and
 * a new admin sets up two-factor then.
 */
export async function changeRole(
  services: Pick<PasswordLinkServices, 'pool' | 'clock' | 'audit'>,
  staffUserId: string,
  role: string,
  by: StaffRequest,
): Promise<void> {
  if (!STAFF_ROLES.includes(role as StaffRole)) {
    throw new ValidationError([{ field: 'role', message: 'Select coach or admin' }])
  }
  const now = services.clock.now()
  await inTransaction(services.pool, async (client) => {
    const account = await otherAccount(client, staffUserId, by)
    if (account.role === role) return
    await setStaffRole(client, account.id, role as StaffRole, now)
    if (role === 'coach' && account.coachId === null) await insertCoachProfile(client, account.id, now)
    const ended = await deleteSessionsOfUser(client, account.id)
    await deletePendingSignInsOfUser(client, account.id)
    await recordAdminChange(services, client, by, account.id, StaffAuditActions.roleChanged, {
      from: account.role,
      to: role,
      sessionsEnded: ended,
    })
  })
}

/**
 * Switches an account off (every session and link of theirs ends at once;
 * they cannot sign in or reset their password) or back on.
 */
export async function setAccountActive(
  services: Pick<PasswordLinkServices, 'pool' | 'clock' | 'audit'>,
  staffUserId: string,
  active: boolean,
  by: StaffRequest,
): Promise<void> {
  const now = services.clock.now()
  await inTransaction(services.pool, async (client) => {
    const account = await otherAccount(client, staffUserId, by)
    if (account.active === active) throw new ConflictError('no_change', active ? 'This account is already active' : 'This account is already deactivated')
    await setStaffActive(client, account.id, active, now)
    let ended = 0
    if (!active) {
      ended = await deleteSessionsOfUser(client, account.id)
      await deletePendingSignInsOfUser(client, account.id)
      await closePasswordLinksOfUser(client, account.id, now)
    }
    const action = active ? StaffAuditActions.accountReactivated : StaffAuditActions.accountDeactivated
    await recordAdminChange(services, client, by, account.id, action, active ? {} : { sessionsEnded: ended })
  })
}

/**
 * Removes someone's two-factor (app and recovery codes) when they have lost
 * both: their sessions end, and at their next sign-in they set it up again
 * (if their role requires it) after their password.
 */
export async function resetTwoFactor(
  services: Pick<PasswordLinkServices, 'pool' | 'clock' | 'audit'>,
  staffUserId: string,
  by: StaffRequest,
): Promise<void> {
  await inTransaction(services.pool, async (client) => {
    const account = await otherAccount(client, staffUserId, by)
    if (!(await deleteTwoFactor(client, account.id))) {
      throw new ConflictError('no_change', 'This person has not set up two-factor sign-in')
    }
    const ended = await deleteSessionsOfUser(client, account.id)
    await deletePendingSignInsOfUser(client, account.id)
    await recordAdminChange(services, client, by, account.id, StaffAuditActions.twoFactorReset, { sessionsEnded: ended })
  })
}

/**
 * Sets which open programmes a coach coaches on (closed ones are left as
 * they are). Taking them off a programme stops new bookings with them there;
 * conversations already booked stay booked. Adding them to one that asks its
 * coaches for two-factor, when they have not set it up, signs them out: they
 * set it up when they sign in again.
 * An admin may change their own (when they also coach).
 */
export async function changeCoachProgrammes(
  services: Pick<PasswordLinkServices, 'pool' | 'audit'>,
  staffUserId: string,
  programmeIds: string[],
  by: StaffRequest,
): Promise<void> {
  await inTransaction(services.pool, async (client) => {
    const account = await findStaffById(client, staffUserId)
    if (!account) throw new NotFoundError('There is no staff account with that id')
    if (account.coachId === null) throw new ConflictError('not_a_coach', 'They do not coach, so they are on no programme')
    const open = new Set((await listProgrammesForStaff(client)).map((programme) => programme.id))
    const chosen = [...new Set(programmeIds)]
    if (chosen.some((id) => !open.has(id))) throw new ValidationError([{ field: 'programmes', message: 'Select programmes from the list' }])
    const current = await findCoachOpenProgrammeIds(client, account.coachId)
    const added = chosen.filter((id) => !current.includes(id))
    const removed = current.filter((id) => !chosen.includes(id))
    if (added.length === 0 && removed.length === 0) return
    await addCoachToProgrammes(client, account.coachId, added)
    await removeCoachFromProgrammes(client, account.coachId, removed)
    // On a programme that asks for two-factor now, without it: signed out, to set it up at once.
    const sessionsEnded = await endSessionsOwingTwoFactor(client, [account.id])
    await recordAdminChange(services, client, by, account.id, StaffAuditActions.programmesChanged, { added, removed, sessionsEnded })
  })
}
