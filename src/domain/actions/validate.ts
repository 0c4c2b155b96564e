/** Checking what a coach sends for an action, and a candidate's status change. Pure. */
import type { FieldProblem } from '../errors.js'
import { looksLikeUuid } from '../ids.js'
import { readIsoDate } from '../time/date-input.js'
import {
  ACTION_CATEGORIES,
  ACTION_COMMENT_MAX_LENGTH,
  ACTION_OWNERS,
  ACTION_STATUSES,
  ACTION_SUMMARY_MAX_LENGTH,
  RESOURCE_TITLE_MAX_LENGTH,
  RESOURCE_URL_MAX_LENGTH,
  type ActionCategory,
  type ActionInput,
  type ActionOwner,
  type ActionStatus,
  type CheckedActionInput,
} from './types.js'

const ACTION_MESSAGES = {
  summaryMissing: 'Enter what the action is',
  summaryTooLong: `The action must be ${ACTION_SUMMARY_MAX_LENGTH.toLocaleString('en-GB')} characters or fewer`,
  ownerMissing: 'Select who will do it',
  dueOnMissing: 'Enter the date it is due, for example 27 3 2026',
  dueOnInvalid: 'The due date must be a real date, for example 27 3 2026',
  categoryMissing: 'Select what kind of action it is',
  statusInvalid: 'Select a status from the list',
  resourceUnknown: 'Choose a resource from the list',
  linkInvalid: 'Enter a link that starts with https://, like https://www.healthcareers.nhs.uk',
  linkTitleTooLong: `The link title must be ${RESOURCE_TITLE_MAX_LENGTH} characters or fewer`,
  resourceAndLink: 'Choose a resource from the list or enter a link, not both',
  commentTooLong: `Your comment must be ${ACTION_COMMENT_MAX_LENGTH} characters or fewer`,
} as const

const blank = (value: unknown): string => (typeof value === 'string' ? value.trim() : '')

function isActionOwner(value: unknown): value is ActionOwner {
  return ACTION_OWNERS.includes(value as ActionOwner)
}
function isActionCategory(value: unknown): value is ActionCategory {
  return ACTION_CATEGORIES.includes(value as ActionCategory)
}
export function isActionStatus(value: unknown): value is ActionStatus {
  return ACTION_STATUSES.includes(value as ActionStatus)
}

/** "2026-03-27" when it is a real calendar date (years 2000 to 2100), else null. */
function checkCalendarDate(value: string): string | null {
  return readIsoDate(value, { from: 2000, to: 2100 })
}

/** A link we are willing to put in front of a candidate: http(s) with a host. */
export function checkLink(value: string): string | null {
  if (value.length > RESOURCE_URL_MAX_LENGTH) return null
  try {
    const url = new URL(value)
    if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.hostname === '') return null
    return url.toString()
  } catch {
    return null
  }
}

/**
 * Checks an action; `prefix` goes in front of each field name (e.g.
 * "actions[2]."). `resourceIds` are the ids of the programme's library.
 */
export function checkActionInput(
  input: ActionInput,
  resourceIds: ReadonlySet<string>,
  prefix = '',
): { ok: true; value: CheckedActionInput } | { ok: false; errors: FieldProblem[] } {
  const errors: FieldProblem[] = []
  const problem = (field: string, message: string) => errors.push({ field: `${prefix}${field}`, message })

  const summary = blank(input.summary).replaceAll('\u0000', '')
  if (summary === '') problem('summary', ACTION_MESSAGES.summaryMissing)
  else if ([...summary].length > ACTION_SUMMARY_MAX_LENGTH) problem('summary', ACTION_MESSAGES.summaryTooLong)

  const owner = blank(input.owner)
  if (!isActionOwner(owner)) problem('owner', ACTION_MESSAGES.ownerMissing)

  const dueText = blank(input.dueOn)
  const dueOn = dueText === '' ? null : checkCalendarDate(dueText)
  if (dueText === '') problem('dueOn', ACTION_MESSAGES.dueOnMissing)
  else if (dueOn === null) problem('dueOn', ACTION_MESSAGES.dueOnInvalid)

  const category = blank(input.category)
  if (!isActionCategory(category)) problem('category', ACTION_MESSAGES.categoryMissing)

  const statusText = blank(input.status)
  const status = statusText === '' ? null : statusText
  if (status !== null && !isActionStatus(status)) problem('status', ACTION_MESSAGES.statusInvalid)

  const resourceId = blank(input.resourceId) || null
  if (resourceId !== null && (!looksLikeUuid(resourceId) || !resourceIds.has(resourceId))) {
    problem('resourceId', ACTION_MESSAGES.resourceUnknown)
  }
  const linkUrl = blank(input.link?.url)
  const linkTitle = blank(input.link?.title) || null
  let link: CheckedActionInput['link'] = null
  if (linkUrl !== '') {
    const url = checkLink(linkUrl)
    if (url === null) problem('link.url', ACTION_MESSAGES.linkInvalid)
    else if (resourceId !== null) problem('link.url', ACTION_MESSAGES.resourceAndLink)
    else if (linkTitle !== null && [...linkTitle].length > RESOURCE_TITLE_MAX_LENGTH) problem('link.title', ACTION_MESSAGES.linkTitleTooLong)
    else link = { url, title: linkTitle }
  }

  if (errors.length > 0) return { ok: false, errors }
  return {
    ok: true,
    value: {
      summary,
      owner: owner as ActionOwner,
      dueOn: dueOn!,
      category: category as ActionCategory,
      resourceId,
      link,
      status: status as ActionStatus | null,
    },
  }
}

/** A status change's comment: trimmed, blank as null. */
export function checkStatusComment(comment: unknown): { ok: true; value: string | null } | { ok: false; errors: FieldProblem[] } {
  const text = blank(comment).replaceAll('\u0000', '')
  if ([...text].length > ACTION_COMMENT_MAX_LENGTH) return { ok: false, errors: [{ field: 'comment', message: ACTION_MESSAGES.commentTooLong }] }
  return { ok: true, value: text === '' ? null : text }
}
