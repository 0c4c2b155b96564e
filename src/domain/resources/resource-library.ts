import type pg from 'pg'
import { NotFoundError, type FieldProblem } from '../errors.js'
import { recordStaffChange, type AuditLog, type StaffRequest } from '../audit/events.js'
import type { Clock } from '../clock.js'
import { inTransaction } from '../../repositories/db.js'
import { insertProgrammeResource } from '../../repositories/actions.js'
import { retireResource } from '../../repositories/resources.js'
import { checkLink } from '../actions/validate.js'
import { RESOURCE_TITLE_MAX_LENGTH } from '../actions/types.js'

/**
 * A programme's resource library: training, job sites and guides a coach can
 * signpost as an agreed action's resource. Removing one hides it from new
 * actions; actions that already point at it keep it.
 */

export const RESOURCE_DESCRIPTION_MAX_LENGTH = 500

export const RESOURCE_MESSAGES = {
  programme: 'Select the programme',
  title: 'Enter a title',
  titleTooLong: `The title must be ${RESOURCE_TITLE_MAX_LENGTH} characters or fewer`,
  url: 'Enter a web address starting with https://, like https://www.healthcareers.nhs.uk',
  descriptionTooLong: `The description must be ${RESOURCE_DESCRIPTION_MAX_LENGTH} characters or fewer`,
} as const

interface ResourceInput {
  programmeId: string
  title: string
  url: string
  description: string | null
}

export function checkResourceInput(
  raw: { programme?: string; title?: string; url?: string; description?: string },
  programmeIds: ReadonlySet<string>,
): { ok: true; value: ResourceInput } | { ok: false; errors: FieldProblem[] } {
  const errors: FieldProblem[] = []
  const programmeId = (raw.programme ?? '').trim()
  if (!programmeIds.has(programmeId)) errors.push({ field: 'programme', message: RESOURCE_MESSAGES.programme })
  const title = (raw.title ?? '').trim()
  if (title === '') errors.push({ field: 'title', message: RESOURCE_MESSAGES.title })
  else if (title.length > RESOURCE_TITLE_MAX_LENGTH) errors.push({ field: 'title', message: RESOURCE_MESSAGES.titleTooLong })
  const url = checkLink((raw.url ?? '').trim())
  if (url === null || !url.startsWith('https://')) errors.push({ field: 'url', message: RESOURCE_MESSAGES.url })
  const description = (raw.description ?? '').trim()
  if (description.length > RESOURCE_DESCRIPTION_MAX_LENGTH) errors.push({ field: 'description', message: RESOURCE_MESSAGES.descriptionTooLong })
  if (errors.length > 0) return { ok: false, errors }
  return { ok: true, value: { programmeId, title, url: url!, description: description === '' ? null : description } }
}

interface ResourceDeps {
  pool: pg.Pool
  clock: Clock
  audit: Pick<AuditLog, 'record'>
}

/** Adds a checked resource to its programme's library; audited in the same transaction. */
export async function addResource(deps: ResourceDeps, resource: ResourceInput, by: StaffRequest): Promise<string> {
  return inTransaction(deps.pool, async (client) => {
    const id = await insertProgrammeResource(client, resource)
    await recordStaffChange(deps.audit, client, by, { action: 'resource.add', subjectType: 'programme_resource', subjectId: id })
    return id
  })
}

/** Takes a resource out of the library (404 when there is no such one in it); audited in the same transaction. */
export async function removeResource(deps: ResourceDeps, id: string, by: StaffRequest): Promise<void> {
  await inTransaction(deps.pool, async (client) => {
    if (!(await retireResource(client, id, deps.clock.now()))) throw new NotFoundError('There is no such resource')
    await recordStaffChange(deps.audit, client, by, { action: 'resource.remove', subjectType: 'programme_resource', subjectId: id })
  })
}
