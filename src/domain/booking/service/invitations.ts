/**
 * Inviting a candidate to book (one at a time; a CSV upload calls this per
 * row and shows each row's problems), and withdrawing an invitation.
 *
 * The personal booking link is issued when its email is sent
 * (issueInvitationLink), like manage links: the token exists only in the
 * email, the database keeps its hash. Issuing a new link (a resend) replaces
 * the old one. Until the first email goes, the stored hash is of a token
 * nobody has.
 */
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../errors.js'
import type { FieldProblem } from '../../errors.js'
import { DAY_MS } from '../../slots/zone-time.js'
import { EMAIL_MAX_LENGTH, NAME_MAX_LENGTH, blankToNull, isEmailAddress, isPhoneNumber } from '../rules.js'
import { generateToken } from '../tokens.js'
import type { ProgrammeSettings, StaffPrincipal } from '../types.js'
import type { BookingDeps } from './deps.js'
import { requireProgramme } from './programme.js'
import { recordStaffChange, type AuditLog, type StaffRequest } from '../../audit/events.js'
import { InvitationAuditActions } from '../../invitations/status.js'
import { PG_UNIQUE_VIOLATION, inTransaction, isPgError } from '../../../repositories/db.js'
import type { InvitationRecord } from '../../../repositories/invitations.js'
import {
  expireInvitationsFor,
  findInvitation,
  insertInvitation,
  replaceInvitationToken,
  setInvitationStatus,
} from '../../../repositories/invitations.js'
import { SEND_EMAIL_MAX_ATTEMPTS } from '../../ports/email-jobs.js'
import type { Queryable } from '../../../repositories/db.js'
import type pg from 'pg'

/** The booking service's needs, and the audit log: each invitation change commits with its audit entry. */
export interface InvitationDeps extends BookingDeps {
  audit: Pick<AuditLog, 'record'>
}

/** Who is inviting or withdrawing, and where from, for the audit entry. */
export interface InvitationRequest extends StaffRequest {
  staff: StaffPrincipal
  /** How: one at a time by API or page, in a batch by API, or a CSV upload. */
  via: 'api' | 'page' | 'batch' | 'csv'
}

/** An invitation's link works for this long after it is made (then the invitation is expired). */
export const INVITATION_VALID_DAYS = 60
export const INVITATION_NOTE_MAX_LENGTH = 1000

export interface InvitationInput {
  /** Programme id or slug. */
  programme: string
  name: string
  email: string
  phone?: string | null
  /** For the programme team; never shown to the candidate. */
  note?: string | null
}

const INVITATION_INPUT_MESSAGES = {
  nameMissing: 'Enter their name',
  nameTooLong: `The name must be ${NAME_MAX_LENGTH} characters or fewer`,
  emailMissing: 'Enter their email address',
  emailInvalid: 'Enter an email address in the correct format, like name@example.com',
  phoneInvalid: 'Enter a phone number, like 07700 900 982 or +44 7700 900 982',
  noteTooLong: `The note must be ${INVITATION_NOTE_MAX_LENGTH.toLocaleString('en-GB')} characters or fewer`,
  alreadyInvited: 'This email address has already been invited to this programme',
} as const

/** Checks one invitation (a form, or a CSV row); every problem with its field. */
export function checkInvitationInput(input: Omit<InvitationInput, 'programme'>): {
  name: string
  email: string
  phone: string | null
  note: string | null
} {
  const problems: FieldProblem[] = []
  const name = (input.name ?? '').trim().replace(/\s+/g, ' ')
  if (name === '') problems.push({ field: 'name', message: INVITATION_INPUT_MESSAGES.nameMissing })
  else if (name.length > NAME_MAX_LENGTH) problems.push({ field: 'name', message: INVITATION_INPUT_MESSAGES.nameTooLong })
  const email = (input.email ?? '').trim().toLowerCase()
  if (email === '') problems.push({ field: 'email', message: INVITATION_INPUT_MESSAGES.emailMissing })
  else if (email.length > EMAIL_MAX_LENGTH || !isEmailAddress(email)) {
    problems.push({ field: 'email', message: INVITATION_INPUT_MESSAGES.emailInvalid })
  }
  const phone = blankToNull(input.phone)
  if (phone !== null && !isPhoneNumber(phone)) problems.push({ field: 'phone', message: INVITATION_INPUT_MESSAGES.phoneInvalid })
  const note = blankToNull(input.note)
  if (note !== null && note.length > INVITATION_NOTE_MAX_LENGTH) problems.push({ field: 'note', message: INVITATION_INPUT_MESSAGES.noteTooLong })
  if (problems.length > 0) throw new ValidationError(problems)
  return { name, email, phone, note }
}

/**
 * Invites a candidate (admins only): the invitation, its email job and its
 * audit entry commit together. 409 already_invited when the address has a
 * live (sent or booked) invitation for the programme.
 */
export async function inviteCandidate(deps: InvitationDeps, input: InvitationInput, by: InvitationRequest): Promise<InvitationRecord> {
  if (by.staff.role !== 'admin') throw new ForbiddenError()
  const checked = checkInvitationInput(input)
  return inTransaction(deps.pool, async (client) => {
    const programme = await requireProgramme(client, input.programme)
    return insertInvited(deps, client, programme, checked, by)
  })
}

/**
 * Invites a checked person to a programme already looked up (a batch or CSV
 * file names its programmes once), in its own transaction.
 */
export async function inviteToProgramme(
  deps: InvitationDeps,
  programme: ProgrammeSettings,
  input: Omit<InvitationInput, 'programme'>,
  by: InvitationRequest,
): Promise<InvitationRecord> {
  if (by.staff.role !== 'admin') throw new ForbiddenError()
  const checked = checkInvitationInput(input)
  return inTransaction(deps.pool, (client) => insertInvited(deps, client, programme, checked, by))
}

async function insertInvited(
  deps: InvitationDeps,
  client: pg.ClientBase,
  programme: ProgrammeSettings,
  checked: ReturnType<typeof checkInvitationInput>,
  by: InvitationRequest,
): Promise<InvitationRecord> {
  const now = deps.clock.now()
  // An invitation that ran out no longer counts as live: the address can be invited again.
  await expireInvitationsFor(client, programme.id, checked.email, now)
  let invitation: InvitationRecord
  try {
    invitation = await insertInvitation(client, {
      programmeId: programme.id,
      ...checked,
      tokenHash: generateToken().hash,
      createdById: by.staff.userId,
      now,
      expiresAt: new Date(now.getTime() + INVITATION_VALID_DAYS * DAY_MS),
    })
  } catch (error) {
    if (isPgError(error, PG_UNIQUE_VIOLATION, 'invitations_one_live_per_email')) {
      throw new ConflictError('already_invited', INVITATION_INPUT_MESSAGES.alreadyInvited)
    }
    throw error
  }
  await deps.jobs.add('send-email', { email: 'invitation', invitationId: invitation.id }, { client, maxAttempts: SEND_EMAIL_MAX_ATTEMPTS })
  await recordInvitationChange(deps, client, InvitationAuditActions.created, invitation, by)
  return invitation
}

/**
 * Withdraws an invitation not yet used (admins only); its link stops working.
 * 409 when it was used to book. One already withdrawn or expired is left as
 * it is, and nothing is audited, since nothing changed.
 */
export async function withdrawInvitation(deps: InvitationDeps, invitationId: string, by: InvitationRequest): Promise<InvitationRecord> {
  if (by.staff.role !== 'admin') throw new ForbiddenError()
  const now = deps.clock.now()
  return inTransaction(deps.pool, async (client) => {
    const invitation = await findInvitation(client, invitationId, { lock: true })
    if (!invitation) throw new NotFoundError('There is no such invitation')
    if (invitation.status === 'booked') {
      throw new ConflictError('invitation_used', 'This invitation has been used to book; cancel the booking instead')
    }
    if (invitation.status !== 'sent') return invitation
    await setInvitationStatus(client, invitation.id, 'withdrawn', now)
    await recordInvitationChange(deps, client, InvitationAuditActions.withdrawn, invitation, by)
    return (await findInvitation(client, invitation.id))!
  })
}

async function recordInvitationChange(
  deps: InvitationDeps,
  client: pg.ClientBase,
  action: string,
  invitation: InvitationRecord,
  by: InvitationRequest,
): Promise<void> {
  await recordStaffChange(deps.audit, client, by, {
    action,
    subjectType: 'invitation',
    subjectId: invitation.id,
    details: { programmeId: invitation.programmeId, via: by.via },
  })
}

/**
 * For the invitation email: a new personal booking link, replacing any
 * earlier one. Null when the invitation can no longer be used to book
 * (withdrawn, booked or expired): send nothing then.
 */
export async function issueInvitationLink(db: Queryable, invitationId: string, publicUrl: string, now: Date): Promise<string | null> {
  const { token, hash } = generateToken()
  const replaced = await replaceInvitationToken(db, invitationId, hash, now)
  return replaced ? `${publicUrl.replace(/\/$/, '')}/invitations/${token}` : null
}
