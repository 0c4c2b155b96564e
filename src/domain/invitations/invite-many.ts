/**
 * Inviting many people at once: a CSV file from the admin page, or a batch
 * from a staffing system through the API. Each person is invited on their
 * own (inviteToProgramme: one transaction each, with its email job and audit
 * entry), so one
 * bad row never holds up the others, and an address is never invited twice
 * (already invited, or twice in the same list).
 */
import { ConflictError, ForbiddenError, ValidationError } from '../errors.js'
import type { FieldProblem } from '../errors.js'
import { inviteToProgramme, type InvitationDeps, type InvitationInput, type InvitationRequest } from '../booking/service/index.js'
import { requireProgramme } from '../booking/service/programme.js'
import type { ProgrammeSettings } from '../booking/types.js'
import type { InvitationRecord } from '../../repositories/invitations.js'
import { findLiveInvitationEmails } from '../../repositories/invitations.js'
import {
  INVITATION_CSV_MESSAGES,
  parseInvitationCsv,
  sortByRow,
  withoutAlreadyInvited,
  type InvitationCsvRowError,
} from './csv.js'

type InvitationCsvImport =
  | {
      ok: true
      programme: ProgrammeSettings
      /** Rows with a person on them. */
      rowCount: number
      invited: InvitationRecord[]
      /** Rows not invited, in row order. */
      rowErrors: InvitationCsvRowError[]
    }
  | { ok: false; error: string }

/**
 * Invites everyone on the good rows of a CSV file to the programme (id or
 * slug; 400 with the field `programme` when there is no such active one).
 * A problem with the file as a whole invites nobody.
 */
export async function importInvitationCsv(
  deps: InvitationDeps,
  input: { programme: string; content: Uint8Array | string },
  by: Omit<InvitationRequest, 'via'>,
): Promise<InvitationCsvImport> {
  if (by.staff.role !== 'admin') throw new ForbiddenError()
  const programme = await requireProgramme(deps.pool, input.programme)
  const parsed = parseInvitationCsv(input.content)
  if (!parsed.ok) return parsed
  const live = await findLiveInvitationEmails(
    deps.pool,
    programme.id,
    parsed.people.map((person) => person.email),
    deps.clock.now(),
  )
  const csv = withoutAlreadyInvited(parsed, live)
  if (!csv.ok) return csv

  const invited: InvitationRecord[] = []
  const rowErrors = [...csv.rowErrors]
  for (const { row, ...person } of csv.people) {
    try {
      invited.push(await inviteToProgramme(deps, programme, person, { ...by, via: 'csv' }))
    } catch (error) {
      // Invited by someone else since the check above.
      if (error instanceof ConflictError && error.code === 'already_invited') {
        rowErrors.push({ row, problems: [{ field: 'email', message: INVITATION_CSV_MESSAGES.alreadyInvited }] })
      } else {
        throw error
      }
    }
  }
  return { ok: true, programme, rowCount: csv.rowCount, invited, rowErrors: sortByRow(rowErrors) }
}

export const INVITATION_BATCH_MAX = 1000

interface BatchItemError extends FieldProblem {
  /** Position in the batch, from 0. */
  index: number
  /** validation_failed, already_invited or duplicate_in_batch. */
  error: 'validation_failed' | 'already_invited' | 'duplicate_in_batch'
}

interface BatchResult {
  invited: { index: number; invitation: InvitationRecord; programme: ProgrammeSettings }[]
  errors: BatchItemError[]
}

/** Items of a batch: each like a single invitation, every field possibly missing (reported per item). */
type BatchItem = Partial<Record<keyof InvitationInput, string | null>>

/**
 * Invites each item of a batch (at most INVITATION_BATCH_MAX) on its own.
 * An item with problems is reported by its index and field; the others are invited.
 */
export async function inviteMany(deps: InvitationDeps, items: readonly BatchItem[], by: Omit<InvitationRequest, 'via'>): Promise<BatchResult> {
  if (by.staff.role !== 'admin') throw new ForbiddenError()
  if (items.length > INVITATION_BATCH_MAX) {
    throw new ValidationError([{ field: 'invitations', message: `Send ${INVITATION_BATCH_MAX} invitations or fewer at a time` }])
  }
  const programmes = new Map<string, Promise<ProgrammeSettings>>()
  const programmeFor = (key: string) => {
    let found = programmes.get(key)
    if (!found) {
      found = requireProgramme(deps.pool, key)
      found.catch(() => undefined) // a rejection is reported per item; keep it from being "unhandled"
      programmes.set(key, found)
    }
    return found
  }

  const result: BatchResult = { invited: [], errors: [] }
  const firstIndexOf = new Map<string, number>()
  for (const [index, item] of items.entries()) {
    const fail = (error: BatchItemError['error'], problems: FieldProblem[]) =>
      result.errors.push(...problems.map((problem) => ({ index, error, ...problem })))
    let programme: ProgrammeSettings
    try {
      programme = await programmeFor(item.programme ?? '')
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error
      fail('validation_failed', error.fields)
      continue
    }
    const email = (item.email ?? '').trim().toLowerCase()
    const key = `${programme.id} ${email}`
    const earlier = firstIndexOf.get(key)
    if (email !== '' && earlier !== undefined) {
      fail('duplicate_in_batch', [{ field: 'email', message: `This email address is already in this batch, at index ${earlier}` }])
      continue
    }
    try {
      const invitation = await inviteToProgramme(
        deps,
        programme,
        { name: item.name ?? '', email: item.email ?? '', phone: item.phone, note: item.note },
        { ...by, via: 'batch' },
      )
      firstIndexOf.set(key, index)
      result.invited.push({ index, invitation, programme })
    } catch (error) {
      if (error instanceof ValidationError) fail('validation_failed', error.fields)
      else if (error instanceof ConflictError && error.code === 'already_invited') {
        firstIndexOf.set(key, index)
        fail('already_invited', [{ field: 'email', message: error.message }])
      } else throw error
    }
  }
  return result
}
