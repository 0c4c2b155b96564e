/**
 * Setting up and changing programmes (admins only). Each change commits with
 * its audit entry, which names the settings changed, never their values.
 *
 * A change applies from then on: bookings already made keep their time and
 * length, reminders already scheduled still go, and notes already started
 * keep the model (and version) they were started with. Asking coaches for
 * two-factor applies at once (see changeProgramme).
 */
import type pg from 'pg'
import { recordStaffChange, type AuditDetails, type AuditLog, type StaffRequest } from '../audit/events.js'
import type { StaffPrincipal } from '../booking/types.js'
import type { Clock } from '../clock.js'
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors.js'
import { PG_UNIQUE_VIOLATION, inTransaction, isPgError } from '../../repositories/db.js'
import { findProgrammeCoachUserIds, findProgrammeRecord, insertProgramme, updateProgramme } from '../../repositories/programme-settings.js'
import { endSessionsOwingTwoFactor } from '../../repositories/staff-two-factor.js'
import { PROGRAMME_MESSAGES, changedSettings, type ProgrammeSettingsInput } from './programme-settings.js'

interface ProgrammeDeps {
  pool: pg.Pool
  clock: Clock
  audit: Pick<AuditLog, 'record'>
}

interface ProgrammeRequest extends StaffRequest {
  staff: StaffPrincipal
}

const ProgrammeAuditActions = {
  created: 'programme.created',
  changed: 'programme.changed',
} as const

/** Adds a programme; 400 on the field `slug` when another programme has its web address. */
export async function createProgramme(deps: ProgrammeDeps, settings: ProgrammeSettingsInput, by: ProgrammeRequest): Promise<string> {
  if (by.staff.role !== 'admin') throw new ForbiddenError()
  return inTransaction(deps.pool, async (client) => {
    let id: string
    try {
      id = await insertProgramme(client, settings, deps.clock.now())
    } catch (error) {
      if (isPgError(error, PG_UNIQUE_VIOLATION, 'programmes_slug_key')) throw new ValidationError([{ field: 'slug', message: PROGRAMME_MESSAGES.slugTaken }])
      throw error
    }
    await record(deps, client, ProgrammeAuditActions.created, id, by, {})
    return id
  })
}

export class ProgrammeChangedMeanwhileError extends ConflictError {
  constructor() {
    super('programme_changed', 'Someone else changed these settings while you had them open')
  }
}

/**
 * Changes a programme's settings (its web address stays); gives the names of
 * the settings that changed. `readAt` is the version (updatedAt) the form was
 * read at: when the settings have changed since, nothing is saved (409), so
 * one admin never silently undoes another's change.
 */
export async function changeProgramme(
  deps: ProgrammeDeps,
  id: string,
  settings: ProgrammeSettingsInput,
  by: ProgrammeRequest,
  readAt: string,
): Promise<string[]> {
  if (by.staff.role !== 'admin') throw new ForbiddenError()
  return inTransaction(deps.pool, async (client) => {
    const current = await findProgrammeRecord(client, id, { lock: true })
    if (!current) throw new NotFoundError('There is no such programme')
    const { id: _id, updatedAt, ...before } = current
    if (updatedAt.toISOString() !== readAt) throw new ProgrammeChangedMeanwhileError()
    const after = { ...settings, slug: current.slug }
    const changed = changedSettings(before, after)
    if (changed.length === 0) return changed
    await updateProgramme(client, id, after, deps.clock.now())
    // Asking coaches for two-factor takes effect at once: those without it are signed out, and set it up to sign in again.
    const sessionsEnded = after.requireCoachTwoFactor && after.active ? await endSessionsOwingTwoFactor(client, await findProgrammeCoachUserIds(client, id)) : 0
    await record(deps, client, ProgrammeAuditActions.changed, id, by, { changed, ...(sessionsEnded > 0 ? { sessionsEnded } : {}) })
    return changed
  })
}

async function record(deps: ProgrammeDeps, client: pg.ClientBase, action: string, programmeId: string, by: ProgrammeRequest, details: AuditDetails) {
  await recordStaffChange(deps.audit, client, by, { action, subjectType: 'programme', subjectId: programmeId, details })
}
