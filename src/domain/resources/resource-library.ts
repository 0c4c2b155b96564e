import type { FieldProblem } from '../errors.js'
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

export interface ResourceInput {
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
