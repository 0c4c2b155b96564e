/**
 * The programme report's figures as CSV (GET /api/v1/reports/programme/export,
 * "Download these figures" on /admin/reports): one figure a row, the same
 * numbers as GET /api/v1/reports/programme, long-form so any spreadsheet or
 * tool can pivot them. Columns: Section, Figure, Group, Value, Unit. Rates
 * and shares are fractions (0 to 1) with the unit "share"; an empty Value is
 * a figure that cannot be worked out (nothing to divide by). See
 * src/domain/csv for the file's format.
 */
import { ACTION_CATEGORIES, ACTION_OWNERS, ACTION_STATUSES } from '../actions/types.js'
import { CSV_BOM, csvLine } from '../csv/index.js'
import type { DaysSummary, ProgrammeReport, SharesByHorizon } from './programme-report.js'
import { outcomeRows } from './outcome-csv.js'

export const REPORT_CSV_COLUMNS = ['Section', 'Figure', 'Group', 'Value', 'Unit'] as const

type Cell = string | number | null
type Row = [section: string, figure: string, group: string, value: Cell, unit: string]

function days(section: string, d: DaysSummary): Row[] {
  return [
    [section, 'counted', '', d.count, 'bookings'],
    [section, 'median', '', d.median, 'days'],
    [section, 'percentile90', '', d.percentile90, 'days'],
    [section, 'mean', '', d.mean, 'days'],
  ]
}

function shares(section: string, group: string, s: SharesByHorizon): Row[] {
  return (['weeks4', 'weeks8', 'weeks12'] as const).flatMap((h): Row[] => [
    [section, `${h}.share`, group, s[h].share, 'share'],
    [section, `${h}.done`, group, s[h].done, 'actions'],
    [section, `${h}.actions`, group, s[h].actions, 'actions'],
  ])
}

/** Every figure of the report, a row each, in the order of the JSON answer. */
export function reportRows(r: ProgrammeReport): Row[] {
  const f = r.funnel
  const a = r.actions
  const u = r.coachUtilisation
  return [
    ['report', 'programme', '', r.programme.slug, ''],
    ['report', 'from', '', r.from, 'date'],
    ['report', 'to', '', r.to, 'date'],
    ['report', 'generatedAt', '', r.generatedAt, 'instant'],
    ['invitations', 'sent', '', r.invitations.sent, 'invitations'],
    ...Object.entries(r.bookings).map(([key, value]): Row => ['bookings', key, '', value, 'bookings']),
    ['funnel', 'invited', '', f.invited, 'invitations'],
    ...(['booked', 'held', 'didNotAttend', 'stillBooked', 'cancelled'] as const).flatMap((stage): Row[] => [
      ['funnel', `${stage}.count`, '', f[stage].count, 'invitations'],
      ['funnel', `${stage}.rate`, '', f[stage].rate, 'share'],
    ]),
    ['funnel', 'conversion', '', f.conversion, 'share'],
    ...days('daysFromInvitationToBooking', r.daysFromInvitationToBooking),
    ...days('daysFromInvitationToConversation', r.daysFromInvitationToConversation),
    ['actions', 'agreed', '', a.agreed, 'actions'],
    ['actions', 'perConversation', '', a.perConversation, 'actions'],
    ...ACTION_CATEGORIES.map((c): Row => ['actions', 'byCategory', c, a.byCategory[c], 'actions']),
    ...ACTION_STATUSES.map((s): Row => ['actions', 'byStatus', s, a.byStatus[s], 'actions']),
    ...ACTION_OWNERS.map((o): Row => ['actions', 'byOwner', o, a.byOwner[o], 'actions']),
    ...(['weeks4', 'weeks8', 'weeks12'] as const).flatMap((h): Row[] => [
      ['completedShare', `${h}.share`, '', a.completedShare[h].share, 'share'],
      ['completedShare', `${h}.done`, '', a.completedShare[h].done, 'actions'],
      ['completedShare', `${h}.actions`, '', a.completedShare[h].actions, 'actions'],
      ['completedShare', `${h}.conversations`, '', a.completedShare[h].conversations, 'conversations'],
    ]),
    ...ACTION_CATEGORIES.flatMap((c) => shares('completedShareByCategory', c, a.completedShareByCategory[c])),
    ...ACTION_OWNERS.flatMap((o) => shares('completedShareByOwner', o, a.completedShareByOwner[o])),
    ['coachUtilisation', 'bookedHours', '', u.bookedHours, 'hours'],
    ['coachUtilisation', 'availableHours', '', u.availableHours, 'hours'],
    ['coachUtilisation', 'share', '', u.share, 'share'],
    ...u.coaches.flatMap((c): Row[] => [
      ['coachUtilisation', 'bookedHours', c.coach.name, c.bookedHours, 'hours'],
      ['coachUtilisation', 'availableHours', c.coach.name, c.availableHours, 'hours'],
      ['coachUtilisation', 'share', c.coach.name, c.share, 'share'],
    ]),
    ...r.bookingsPerWeek.flatMap((w): Row[] => [
      ['bookingsPerWeek', 'made', w.weekStarting, w.made, 'bookings'],
      ['bookingsPerWeek', 'conversations', w.weekStarting, w.conversations, 'bookings'],
      ['bookingsPerWeek', 'held', w.weekStarting, w.held, 'bookings'],
    ]),
    ['wentOnTo', 'trainingStarted', '', r.wentOnTo.trainingStarted, 'candidates'],
    ['wentOnTo', 'applicationMade', '', r.wentOnTo.applicationMade, 'candidates'],
    ['wentOnTo', 'qualificationGained', '', r.wentOnTo.qualificationGained, 'candidates'],
    ['wentOnTo', 'newRole', '', r.wentOnTo.newRole, 'candidates'],
    ['wentOnTo', 'movedUp', '', r.wentOnTo.movedUp, 'candidates'],
    ...outcomeRows(r),
    // The waitlist: now, and in the period.
    ['waitlist', 'waitingNow', '', r.waitlist.waitingNow, 'people'],
    ['waitlist', 'withOfferNow', '', r.waitlist.withOfferNow, 'people'],
    ['waitlist', 'daysWaitingNow.median', '', r.waitlist.daysWaitingNow.median, 'days'],
    ['waitlist', 'daysWaitingNow.longest', '', r.waitlist.daysWaitingNow.longest, 'days'],
    ['waitlist', 'joined', '', r.waitlist.joined, 'people'],
    ...(['booked', 'left', 'removed', 'ended'] as const).map((how): Row => ['waitlist', `left.${how}`, '', r.waitlist.left[how], 'people']),
    ['waitlist', 'daysWaitedBeforeBooking.count', '', r.waitlist.daysWaitedBeforeBooking.count, 'people'],
    ['waitlist', 'daysWaitedBeforeBooking.median', '', r.waitlist.daysWaitedBeforeBooking.median, 'days'],
    ['waitlist', 'daysWaitedBeforeBooking.mean', '', r.waitlist.daysWaitedBeforeBooking.mean, 'days'],
    ...(['made', 'taken', 'declined', 'expired', 'withdrawn', 'open'] as const).map((how): Row => ['waitlist', `offers.${how}`, '', r.waitlist.offers[how], 'offers']),
  ]
}

/** The whole file: BOM, header, a row per figure. */
export function programmeReportCsv(report: ProgrammeReport): string {
  return `${CSV_BOM}${csvLine(REPORT_CSV_COLUMNS)}${reportRows(report).map((row) => csvLine(row)).join('')}`
}
