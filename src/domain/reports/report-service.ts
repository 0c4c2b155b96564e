/**
 * Builds the programme report: checks the query, then asks PostgreSQL for the
 * figures, each aggregate statement on its own connection side by side (no
 * rows are loaded into Node), and puts them together.
 */
import type { Clock } from '../clock.js'
import { ValidationError, type FieldProblem } from '../errors.js'
import {
  actionFigures,
  bookingFigures,
  bookingsPerWeek,
  coachUtilisation,
  findProgrammeForReport,
  invitationFigures,
  type ReportDb,
} from '../../repositories/reports.js'
import { feedbackByCoach, followUpsByCoach, wentOnToCounts } from '../../repositories/outcome-report.js'
import { parseReportPeriod } from './period.js'
import { waitlistFigures } from '../waitlist/figures.js'
import { buildProgrammeReport, type ProgrammeReport } from './programme-report.js'
import type { ReportCache } from './report-cache.js'

export const UNKNOWN_PROGRAMME_MESSAGE = 'Choose a programme that exists (its id or slug)'
export const PROGRAMME_MISSING_MESSAGE = 'Choose a programme'

export interface ReportDeps {
  /** The pool: each statement of the report takes a connection of its own. */
  pool: ReportDb
  clock: Clock
  /** Reports kept ready while nothing they read changes (./report-cache.ts); without it, every report is counted. */
  reports?: ReportCache
}

export interface ProgrammeReportQuery {
  programme?: unknown
  from?: unknown
  to?: unknown
}

const FIELD_ORDER = ['programme', 'from', 'to']

/** The figures of one programme for a period; a ValidationError naming each bad field (programme, from, to). */
export async function programmeReport(deps: ReportDeps, query: ProgrammeReportQuery): Promise<ProgrammeReport> {
  const problems: FieldProblem[] = []
  const period = parseReportPeriod(query)
  if (!period.ok) problems.push(...period.errors)
  const key = typeof query.programme === 'string' ? query.programme.trim() : ''
  const programme = key === '' ? null : await findProgrammeForReport(deps.pool, key)
  if (!programme) problems.push({ field: 'programme', message: key === '' ? PROGRAMME_MISSING_MESSAGE : UNKNOWN_PROGRAMME_MESSAGE })
  if (!period.ok || !programme) {
    throw new ValidationError([...problems].sort((a, b) => FIELD_ORDER.indexOf(a.field) - FIELD_ORDER.indexOf(b.field)))
  }

  const { start, end, from, to } = period.value
  const count = () => countReport(deps, programme, { start, end, from, to })
  return deps.reports ? deps.reports.get(`report|${programme.id}|${start.toISOString()}|${end.toISOString()}`, count) : count()
}

async function countReport(
  deps: ReportDeps,
  programme: NonNullable<Awaited<ReturnType<typeof findProgrammeForReport>>>,
  { start, end, from, to }: { start: Date; end: Date; from: string; to: string },
): Promise<ProgrammeReport> {
  const now = deps.clock.now()
  const scope = { programmeId: programme.id, start, end, from, to, now }
  const [bookings, invitations, actions, coaches, weeks, feedback, followUps, wentOnTo, waitlist] = await Promise.all([
    bookingFigures(deps.pool, scope),
    invitationFigures(deps.pool, scope),
    actionFigures(deps.pool, scope),
    coachUtilisation(deps.pool, scope),
    bookingsPerWeek(deps.pool, scope),
    feedbackByCoach(deps.pool, scope),
    followUpsByCoach(deps.pool, scope),
    wentOnToCounts(deps.pool, scope),
    waitlistFigures(deps.pool, scope),
  ])
  return buildProgrammeReport({ programme, from, to, now, bookings, invitations, actions, coaches, weeks, feedback, followUps, wentOnTo, waitlist })
}
