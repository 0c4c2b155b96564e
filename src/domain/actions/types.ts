/**
 * Actions: the agreed next steps of a conversation, in the shape of the
 * National Careers Service action plan (what, who, by when, what kind, a
 * signposted resource, and a status with the dates it changed).
 */

export const ACTION_OWNERS = ['candidate', 'coach', 'programme_team'] as const
export type ActionOwner = (typeof ACTION_OWNERS)[number]

export const ACTION_CATEGORIES = [
  'training_or_course',
  'job_application',
  'work_experience_or_shadowing',
  'networking_or_information',
  'qualification',
  'other',
] as const
export type ActionCategory = (typeof ACTION_CATEGORIES)[number]

export const ACTION_STATUSES = ['not_started', 'in_progress', 'done', 'no_longer_relevant'] as const
export type ActionStatus = (typeof ACTION_STATUSES)[number]

/** Still to do: counted as overdue once the due date has passed. */
export const OPEN_ACTION_STATUSES: readonly ActionStatus[] = ['not_started', 'in_progress']

/** Labels for the coach (who does it). */
export const actionOwnerLabels: Readonly<Record<ActionOwner, string>> = {
  candidate: 'Candidate',
  coach: 'Coach',
  programme_team: 'Programme team',
}

/** The same, as the candidate reads them in their summary. */
export const actionOwnerLabelsForCandidate: Readonly<Record<ActionOwner, string>> = {
  candidate: 'You',
  coach: 'Your coach',
  programme_team: 'The programme team',
}

export const actionCategoryLabels: Readonly<Record<ActionCategory, string>> = {
  training_or_course: 'Training or course',
  job_application: 'Job application',
  work_experience_or_shadowing: 'Work experience or shadowing',
  networking_or_information: 'Networking or finding out more',
  qualification: 'Qualification',
  other: 'Other',
}

export const actionStatusLabels: Readonly<Record<ActionStatus, string>> = {
  not_started: 'Not started',
  in_progress: 'In progress',
  done: 'Done',
  no_longer_relevant: 'No longer relevant',
}

/** nhsuk tag colours for each status. */
export const actionStatusColours: Readonly<Record<ActionStatus, string>> = {
  not_started: 'grey',
  in_progress: 'blue',
  done: 'green',
  no_longer_relevant: 'white',
}

export const ACTION_SUMMARY_MAX_LENGTH = 1000
export const ACTION_COMMENT_MAX_LENGTH = 500
export const RESOURCE_TITLE_MAX_LENGTH = 200
export const RESOURCE_URL_MAX_LENGTH = 2000
/** A conversation rarely agrees more than a handful; this stops a runaway form. */
export const MAX_ACTIONS_PER_CONVERSATION = 30

/** Who changed something: the candidate (through their link) or a member of staff. */
export type ActionActor = 'candidate' | 'coach' | 'admin'

/** A signposted resource: from the programme's library (id set) or a free link (id null). */
interface ActionResource {
  id: string | null
  title: string
  url: string
  description: string | null
}

export interface ActionStatusChange {
  from: ActionStatus | null
  to: ActionStatus
  at: Date
  actor: ActionActor
  actorStaffUserId: string | null
  /** The staff member's name, for staff views only. */
  actorName: string | null
  comment: string | null
}

export interface Action {
  id: string
  bookingId: string
  position: number
  summary: string
  owner: ActionOwner
  /** A calendar date, YYYY-MM-DD. */
  dueOn: string
  category: ActionCategory
  resource: ActionResource | null
  status: ActionStatus
  statusChangedAt: Date
  createdAt: Date
  updatedAt: Date
  history: ActionStatusChange[]
}

/** An entry of a programme's resource library. */
export interface ProgrammeResource {
  id: string
  programmeId: string
  title: string
  url: string
  description: string | null
}

/** What a coach sends to add or change an action (checked by checkActionInput). */
export interface ActionInput {
  summary: string
  owner: string
  dueOn: string
  category: string
  /** A resource from the programme's library... */
  resourceId?: string | null
  /** ...or a free link. */
  link?: { url: string; title?: string | null } | null
  /** Only while the notes are a draft; afterwards status changes go through changeActionStatus. */
  status?: string | null
}

/** A checked ActionInput. */
export interface CheckedActionInput {
  summary: string
  owner: ActionOwner
  dueOn: string
  category: ActionCategory
  resourceId: string | null
  link: { url: string; title: string | null } | null
  status: ActionStatus | null
}
