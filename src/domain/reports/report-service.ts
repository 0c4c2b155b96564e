/** Builds the programme report: checks the query, fetches the rows, computes the figures. */
import type { Clock } from '../clock.js'
import { ValidationError, type FieldProblem } from '../errors.js'
import {
  actionsForBookings,
  bookingsForReport,
  countInvitationsSent,
  findProgrammeForReport,
  statusChangesForActions,
} from '../../repositories/reports.js'
import type { Queryable } from '../../repositories/db.js'
import { parseReportPeriod } from './period.js'
import { computeProgrammeReport, type ProgrammeReport } from './programme-report.js'

export const UNKNOWN_PROGRAMME_MESSAGE = 'Choose a programme that exists (its id or slug)'
export const PROGRAMME_MISSING_MESSAGE = 'Choose a programme'

export interface ReportDeps {
  pool: Queryable
  clock: Clock
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
  const [invitationsSent, bookings] = await Promise.all([
    countInvitationsSent(deps.pool, programme.id, start, end),
    bookingsForReport(deps.pool, programme.id, start, end),
  ])
  const held = bookings.filter((b) => b.status === 'completed').map((b) => b.id)
  const actions = await actionsForBookings(deps.pool, held)
  const statusChanges = await statusChangesForActions(
    deps.pool,
    actions.map((a) => a.id),
  )
  return computeProgrammeReport({ programme, from, to, now: deps.clock.now(), invitationsSent, bookings, actions, statusChanges })
}
