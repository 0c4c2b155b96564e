import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { DateTime } from 'luxon'
import { Type } from 'typebox'
import {
  ACTION_CATEGORIES,
  ACTION_OWNERS,
  ACTION_STATUSES,
  actionCategoryLabels,
  actionOwnerLabels,
  actionStatusLabels,
} from '../../../../domain/actions/types.js'
import { ValidationError, type FieldProblem } from '../../../../domain/errors.js'
import {
  COMPLETION_HORIZON_WEEKS,
  REPORT_TIME_ZONE,
  programmeReport,
  type DaysSummary,
  type FunnelStage,
  type ProgrammeReport,
  type SharesByHorizon,
  type ShareDone,
} from '../../../../domain/reports/index.js'
import { dateInputValues, readDateInput } from '../../../../domain/time/date-input.js'
import { formatDate } from '../../../../domain/time/index.js'
import { listProgrammes } from '../../../../repositories/programmes.js'
import { programmeWithLatestActivity } from '../../../../repositories/reports.js'
import { barChart, columnChart } from './charts.js'
import { outcomeFigures } from './outcome-figures.js'

/**
 * /admin/reports: the programme figures for a chosen period, as a page: the
 * same computation as GET /api/v1/reports/programme (src/domain/reports).
 * Without a programme or a period: the programme with the most recent
 * activity, over the last 3 months up to today. Each group of figures has a
 * chart drawn here as SVG (./charts.ts) above the table of its figures.
 * Access: ../autohooks.ts.
 */

const part = () => Type.Optional(Type.String({ maxLength: 10 }))
const Query = Type.Object({
  programme: Type.Optional(Type.String({ maxLength: 100 })),
  'from-day': part(),
  'from-month': part(),
  'from-year': part(),
  'to-day': part(),
  'to-month': part(),
  'to-year': part(),
})

const partsOf = (date: DateTime) => dateInputValues(date.toISODate())

const percentOf = (share: number | null, none: string) => (share === null ? none : `${Math.round(share * 1000) / 10}%`)
const percent = (value: ShareDone) => percentOf(value.share, 'No actions to count')
const number = (value: number | null, unit = '') => (value === null ? 'None' : `${value}${unit}`)
const daysText = (value: number | null) => number(value, value === 1 ? ' day' : ' days')
const daysRows = (d: DaysSummary) => [
  { key: 'Bookings counted', value: d.count },
  { key: 'Median', value: daysText(d.median) },
  { key: '90th percentile', value: daysText(d.percentile90) },
  { key: 'Mean', value: daysText(d.mean) },
]
const stageRow = (key: string, stage: FunnelStage, of: string) => ({ key, count: stage.count, rate: percentOf(stage.rate, '–'), of })
const sharesRow = (label: string, shares: SharesByHorizon) => ({
  label,
  weeks4: percent(shares.weeks4),
  weeks8: percent(shares.weeks8),
  weeks12: percent(shares.weeks12),
  counted: `${shares.weeks4.done} of ${shares.weeks4.actions}, ${shares.weeks8.done} of ${shares.weeks8.actions}, ${shares.weeks12.done} of ${shares.weeks12.actions}`,
})
/** One formatter for every figure (making one per call costs more than the rest of the page). */
const oneDecimalPlace = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 })
const hoursText = (hours: number) => `${oneDecimalPlace.format(hours)} hours`

/** The domain's messages; a programme is chosen from a list here, not typed. */
const pageMessage = (problem: FieldProblem) => {
  if (problem.field === 'programme') return 'Choose a programme from the list'
  return problem.message
}

const shortDay = (date: string) => DateTime.fromISO(date, { zone: 'UTC' }).setLocale('en-GB').toFormat('d LLLL')
const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`

/** The report's charts (SVG), each drawn from the figures in the table beneath it. */
function charts(report: ProgrammeReport) {
  const f = report.funnel
  const stage = (label: string, s: FunnelStage, of: string) => ({ label, value: s.count, valueText: s.rate === null ? `${s.count}` : `${s.count} (${percentOf(s.rate, '')} ${of})` })
  const a = report.actions
  const u = report.coachUtilisation
  const weeks = report.bookingsPerWeek
  return {
    funnel: barChart({
      id: 'funnel-chart',
      title: 'From invitation to conversation',
      summary: 'What came of the invitations sent in the period.',
      bars: [
        { label: 'Invited', value: f.invited, valueText: String(f.invited) },
        stage('Booked', f.booked, 'of invited'),
        stage('Held', f.held, 'of booked'),
        stage('Did not attend', f.didNotAttend, 'of booked'),
        stage('Cancelled', f.cancelled, 'of booked'),
      ],
    }),
    completed: barChart({
      id: 'completed-chart',
      title: 'Actions done after the conversation',
      summary: 'The share of actions done 4, 8 and 12 weeks after their conversation.',
      max: 1,
      bars: COMPLETION_HORIZON_WEEKS.map((weeks) => {
        const share = a.completedShare[`weeks${weeks}`]
        return { label: `At ${weeks} weeks`, value: share.share ?? 0, valueText: share.share === null ? 'none to count' : `${percent(share)} (${share.done} of ${share.actions})` }
      }),
    }),
    byCategory: barChart({
      id: 'by-category-chart',
      title: 'Actions by category',
      summary: 'The actions agreed in the conversations held, by category.',
      bars: ACTION_CATEGORIES.map((c) => ({ label: actionCategoryLabels[c], value: a.byCategory[c], valueText: String(a.byCategory[c]) })),
    }),
    utilisation: barChart({
      id: 'utilisation-chart',
      title: "Coaches' time booked",
      summary: 'Hours booked as a share of the hours each coach works, in the period.',
      max: Math.max(1, ...u.coaches.map((c) => c.share ?? 0)),
      bars: [
        { label: 'All coaches', value: u.share ?? 0, valueText: percentOf(u.share, 'no hours') },
        ...u.coaches.map((c) => ({ label: c.coach.name, value: c.share ?? 0, valueText: percentOf(c.share, 'no hours') })),
      ],
    }),
    perWeek: columnChart({
      id: 'per-week-chart',
      title: 'Bookings made per week',
      summary: `Bookings made each week of the period, weeks beginning on Monday.`,
      unit: 'bookings',
      firstLabel: weeks.length > 0 ? shortDay(weeks[0]!.weekStarting) : '',
      lastLabel: weeks.length > 1 ? shortDay(weeks[weeks.length - 1]!.weekStarting) : '',
      bars: weeks.map((w) => ({ label: `Week beginning ${formatDate(`${w.weekStarting}T12:00:00Z`, 'UTC')}`, value: w.made, valueText: count(w.made, 'booking', 'bookings') })),
    }),
  }
}

function figures(report: ProgrammeReport) {
  const b = report.bookings
  const d = report.daysFromInvitationToConversation
  const a = report.actions
  return {
    period: `${formatDate(`${report.from}T12:00:00Z`, 'UTC')} to ${formatDate(`${report.to}T12:00:00Z`, 'UTC')}`,
    funnel: [
      { key: 'Invitations sent', value: report.invitations.sent },
      { key: 'Bookings for conversations in the period', value: b.made },
      { key: 'Conversations held', value: b.held },
      { key: 'Did not attend (no-shows)', value: b.noShows },
      { key: 'Cancelled by the candidate', value: b.cancelledByCandidate },
      { key: 'Cancelled by the programme (coach, admin or system)', value: b.cancelledByStaff },
      { key: 'Still booked (not yet held or recorded)', value: b.upcoming },
    ],
    funnelRates: [
      { key: 'Invited', count: report.funnel.invited, rate: '', of: '' },
      stageRow('Booked', report.funnel.booked, 'of those invited'),
      stageRow('Held', report.funnel.held, 'of those booked'),
      stageRow('Did not attend', report.funnel.didNotAttend, 'of those booked'),
      stageRow('Still booked', report.funnel.stillBooked, 'of those booked'),
      stageRow('Cancelled', report.funnel.cancelled, 'of those booked'),
    ],
    conversion: percentOf(report.funnel.conversion, 'No invitations sent'),
    waiting: [{ key: 'Conversations counted', value: d.count }, ...daysRows(d).slice(1)],
    toBooking: daysRows(report.daysFromInvitationToBooking),
    actions: [
      { key: 'Actions agreed', value: a.agreed },
      { key: 'Actions per conversation held (mean)', value: number(a.perConversation) },
    ],
    completed: COMPLETION_HORIZON_WEEKS.map((weeks) => {
      const share = a.completedShare[`weeks${weeks}`]
      return { weeks, share: percent(share), done: share.done, actions: share.actions, conversations: share.conversations }
    }),
    byCategory: ACTION_CATEGORIES.map((c) => ({ label: actionCategoryLabels[c], count: a.byCategory[c] })),
    byStatus: ACTION_STATUSES.map((s) => ({ label: actionStatusLabels[s], count: a.byStatus[s] })),
    byOwner: ACTION_OWNERS.map((o) => ({ label: actionOwnerLabels[o], count: a.byOwner[o] })),
    completedByCategory: ACTION_CATEGORIES.map((c) => sharesRow(actionCategoryLabels[c], a.completedShareByCategory[c])),
    completedByOwner: ACTION_OWNERS.map((o) => sharesRow(actionOwnerLabels[o], a.completedShareByOwner[o])),
    utilisation: {
      booked: hoursText(report.coachUtilisation.bookedHours),
      available: hoursText(report.coachUtilisation.availableHours),
      share: percentOf(report.coachUtilisation.share, 'No working hours set'),
      coaches: report.coachUtilisation.coaches.map((c) => ({
        name: c.coach.name,
        booked: hoursText(c.bookedHours),
        available: hoursText(c.availableHours),
        share: percentOf(c.share, 'No working hours set'),
      })),
    },
    weeks: report.bookingsPerWeek.map((w) => ({ ...w, week: formatDate(`${w.weekStarting}T12:00:00Z`, 'UTC') })),
    wentOnTo: [
      { key: 'Started training or a course', value: report.wentOnTo.trainingStarted },
      { key: 'Applied for a role', value: report.wentOnTo.applicationMade },
      { key: 'Gained a qualification', value: report.wentOnTo.qualificationGained },
      { key: 'Started a new role or more hours', value: report.wentOnTo.newRole },
      { key: 'Moved up', value: report.wentOnTo.movedUp },
    ],
    afterwards: outcomeFigures(report),
    // The waitlist: its line now and what happened in the period; each line in full at /admin/waitlist.
    waitlist: [
      { key: 'Waiting now', value: report.waitlist.waitingNow },
      { key: 'With a time held for them now', value: report.waitlist.withOfferNow },
      { key: 'Median days waited so far', value: report.waitlist.daysWaitingNow.median ?? 'None waiting' },
      { key: 'Joined', value: report.waitlist.joined },
      { key: 'Booked', value: report.waitlist.left.booked },
      { key: 'Median days from joining to booking', value: report.waitlist.daysWaitedBeforeBooking.median ?? 'None booked' },
      { key: 'Left, removed or their dates passed', value: report.waitlist.left.left + report.waitlist.left.removed + report.waitlist.left.ended },
      { key: 'Times offered', value: report.waitlist.offers.made },
      { key: 'Offers taken', value: report.waitlist.offers.taken },
      { key: 'Offers declined', value: report.waitlist.offers.declined },
      { key: 'Offers not taken in time', value: report.waitlist.offers.expired },
    ],
  }
}

const adminReports: FastifyPluginAsyncTypebox = async (app) => {
  const deps = app.deps

  app.get('/', { schema: { hide: true, querystring: Query } }, async (request, reply) => {
    const query = request.query
    const programmes = await listProgrammes(app.pg.pool)
    const today = DateTime.fromJSDate(app.clock.now(), { zone: REPORT_TIME_ZONE }).startOf('day')
    const periodAsked = query['from-day'] !== undefined || query['to-day'] !== undefined
    // Nothing chosen: the programme with the most recent activity, over the last 3 months.
    const programme = query.programme ?? (programmes.length > 0 ? ((await programmeWithLatestActivity(app.pg.pool)) ?? programmes[0]!.id) : '')
    const values = {
      programme: programme.trim(),
      from: periodAsked ? { day: query['from-day'] ?? '', month: query['from-month'] ?? '', year: query['from-year'] ?? '' } : partsOf(today.minus({ months: 3 }).plus({ days: 1 })),
      to: periodAsked ? { day: query['to-day'] ?? '', month: query['to-month'] ?? '', year: query['to-year'] ?? '' } : partsOf(today),
    }
    const view = {
      values,
      programmeOptions: programmes.map((p) => ({ value: p.id, text: p.active ? p.name : `${p.name} (closed)`, selected: p.id === values.programme })),
      hasErrors: false,
      errorList: [] as { text: string; href: string }[],
      fieldErrors: {} as Record<string, string>,
      report: null as ReturnType<typeof figures> | null,
      charts: null as ReturnType<typeof charts> | null,
      programmeName: '',
      apiUrl: '',
      csvUrl: '',
    }
    if (programmes.length === 0) return reply.view('pages/admin/reports/index.njk', view)

    const refused = (fieldProblems: FieldProblem[]) => {
      const fieldErrors: Record<string, string> = {}
      for (const problem of fieldProblems) fieldErrors[problem.field] ??= problem.message
      return reply.code(400).view('pages/admin/reports/index.njk', {
        ...view,
        hasErrors: true,
        fieldErrors,
        errorList: Object.entries(fieldErrors).map(([field, text]) => ({ text, href: field === 'programme' ? '#programme' : `#${field}-day` })),
      })
    }
    const from = readDateInput(values.from, 'The start date')
    const to = readDateInput(values.to, 'The end date')
    const dateProblems = [
      ...(from.kind === 'problem' ? [{ field: 'from', message: from.message }] : []),
      ...(to.kind === 'problem' ? [{ field: 'to', message: to.message }] : []),
    ]
    if (dateProblems.length > 0) return refused(dateProblems)
    try {
      const report = await programmeReport(deps, {
        programme: values.programme,
        from: from.kind === 'date' ? from.iso : '',
        to: to.kind === 'date' ? to.iso : '',
      })
      const apiParams = new URLSearchParams({ programme: report.programme.slug, from: report.from, to: report.to })
      return reply.view('pages/admin/reports/index.njk', {
        ...view,
        report: figures(report),
        charts: charts(report),
        programmeName: report.programme.name,
        apiUrl: `/api/v1/reports/programme?${apiParams.toString()}`,
        csvUrl: `/api/v1/reports/programme/export?${apiParams.toString()}`,
      })
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error
      return refused(error.fields.map((f) => ({ field: f.field, message: pageMessage(f) })))
    }
  })
}

export default adminReports
