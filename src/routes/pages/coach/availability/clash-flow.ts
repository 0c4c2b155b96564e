/**
 * Time off, a day off, weekly hours, a time zone or extra hours taken away
 * over booked conversations: the step between the form and saving it, for
 * either scope (src/domain/coach-changes does the moving).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { FormInput } from '../../../../domain/availability/index.js'
import { changeCoach, clashingConversationIds, COACH_CHANGE_REQUESTED_ACTION, type CoachChange } from '../../../../domain/coach-changes/index.js'
import { conversationsView } from '../../../../http/coach-change-views.js'
import { staffRequest } from '../../../../http/staff-request.js'
import type { AvailabilityScope, Page } from './availability-page.js'

/**
 * The words of the clash pages for each change that can take a coach away
 * from booked conversations; `reason` is kept in each one's history.
 */
const CLASH_WORDS = {
  'time-off': {
    reason: 'The coach has time off then',
    add: 'add time off',
    done: 'Time off added',
    confirm: 'Add time off and move the conversations',
    change: 'Add time off over booked conversations',
    clashTitle: 'Conversations booked in your time off',
    clashIn: 'booked in this time off',
    goAhead: 'Add it and ask the programme team to move them',
    instead: 'Change the dates instead',
  },
  'day-off': {
    reason: 'The coach has a day off then',
    add: 'add a day off',
    done: 'Day off added',
    confirm: 'Add a day off and move the conversations',
    change: 'Add a day off over booked conversations',
    clashTitle: 'Conversations booked on your day off',
    clashIn: 'booked in this day off',
    goAhead: 'Add it and ask the programme team to move them',
    instead: 'Change the dates instead',
  },
  'weekly-hours': {
    reason: "The coach's weekly hours no longer cover it",
    add: 'change weekly hours',
    done: 'Weekly hours saved',
    confirm: 'Save weekly hours and move the conversations',
    change: 'Weekly hours that no longer cover booked conversations',
    clashTitle: 'Conversations booked outside your new weekly hours',
    clashIn: 'booked outside these weekly hours',
    goAhead: 'Save them and ask the programme team to move them',
    instead: 'Change the hours instead',
  },
  settings: {
    reason: "The coach's new time zone moves their hours away from it",
    add: 'change the time zone',
    done: 'Settings saved',
    confirm: 'Save settings and move the conversations',
    change: 'A new time zone: the same weekly hours fall at other times and no longer cover booked conversations',
    clashTitle: 'Conversations outside your hours in the new time zone',
    clashIn: 'outside your hours in this time zone',
    goAhead: 'Save them and ask the programme team to move them',
    instead: 'Change the settings instead',
  },
  'remove-date': {
    reason: "The coach's extra hours were taken away",
    add: 'remove these hours',
    done: 'Removed',
    confirm: 'Remove them and move the conversations',
    change: 'Remove extra hours that booked conversations are in',
    clashTitle: 'Conversations booked in these extra hours',
    clashIn: 'booked in these extra hours',
    goAhead: 'Remove them and ask the programme team to move them',
    instead: 'Keep the extra hours',
  },
} as const
/** Form fields the clash pages add, left out when the form is carried to the next step. */
const CLASH_FIELDS = new Set(['_csrf', 'confirm', 'reason', 'clashesSeen'])

/** The clash step of one scope, for the plugins whose changes can clash. */
export function clashSteps(app: FastifyInstance, scope: AvailabilityScope) {
  const coachChangeDeps = app.deps

  /**
   * Time off, a day off, weekly hours, a time zone or extra hours taken away
   * over booked conversations. An admin sees the plan (each conversation moved to a free
   * coach or cancelled) and confirms it: the change and the moves happen in
   * one transaction. A coach is told which conversations clash and can make
   * the change anyway, asking the programme team to move them (the admin's
   * /admin/coaches/:id/clashes).
   * Answers a page to show, 'requested' when the coach asked the team, or
   * null to carry on saving as usual (no clash).
   */
  async function clashFlow(
    request: FastifyRequest,
    reply: FastifyReply,
    page: Page,
    coachChange: Extract<CoachChange, { kind: keyof typeof CLASH_WORDS }>,
    path: string,
    body: FormInput,
    /** Where the coach's form is, for "change it instead" (default: `path`). */
    formPath = path,
  ): Promise<FastifyReply | 'requested' | null> {
    const by = staffRequest(request)
    const words = CLASH_WORDS[coachChange.kind]
    const command = { coachId: page.coach.id, change: coachChange, reason: words.reason }
    const hidden = Object.entries(body).filter(([name]) => !CLASH_FIELDS.has(name)).map(([name, value]) => ({ name, value }))
    if (scope === 'admin' && body.confirm === 'yes') {
      const result = await changeCoach(coachChangeDeps, { ...command, dryRun: false }, by)
      return reply.view('pages/coach-changes/done.njk', {
        heading: words.done,
        caption: page.coach.name,
        ...conversationsView(result),
        nextHref: page.base,
        nextText: 'Back to availability',
      })
    }
    const [plan, clashingBefore] = await Promise.all([
      changeCoach(coachChangeDeps, { ...command, dryRun: true }, by),
      clashingConversationIds(coachChangeDeps, page.coach.id),
    ])
    // Only a change that takes the coach away from conversations stops to ask; those that clash already are on the
    // overview, waiting for the programme team. The admin's plan shows them too: confirming moves every one.
    const clashes = { ...plan, affected: plan.affected.filter((a) => !clashingBefore.has(a.bookingId)) }
    if (clashes.affected.length === 0) return null
    if (scope === 'admin') {
      return reply.view('pages/coach-changes/plan.njk', {
        heading: `Check before you ${words.add}`,
        caption: page.coach.name,
        change: words.change,
        reason: command.reason,
        ...conversationsView(plan),
        action: `${page.base}/${path}`,
        hidden,
        buttonText: words.confirm,
        backHref: `${page.base}/${formPath}`,
      })
    }
    if (body.clashesSeen === 'yes') return 'requested'
    return reply.view('pages/coach-changes/clashes.njk', {
      ...page.view,
      pageTitle: words.clashTitle,
      heading: `${clashes.affected.length === 1 ? '1 conversation is' : `${clashes.affected.length} conversations are`} ${words.clashIn}`,
      conversations: conversationsView(clashes).conversations,
      action: `${page.base}/${path}`,
      hidden,
      goAheadText: words.goAhead,
      insteadText: words.instead,
      backHref: `${page.base}/${formPath}`,
    })
  }

  /** The coach asked the programme team to move the conversations that clash: in the audit log, and on the admin's clashes page. */
  async function recordRequest(request: FastifyRequest, page: Page) {
    await app.audit.recordRequest(request, {
      action: COACH_CHANGE_REQUESTED_ACTION,
      subjectType: 'coach',
      subjectId: page.coach.id,
      result: 'success',
      details: {},
    })
  }

  return { clashFlow, recordRequest }
}
