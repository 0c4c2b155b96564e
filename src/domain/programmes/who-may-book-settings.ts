/**
 * Changing who may book a programme and what they must show: the
 * admin's "Who may book" page and PATCH /api/v1/admin/programmes/:slug. Each
 * change commits with its audit entry, which names the settings changed.
 */
import type pg from 'pg'
import { recordStaffChange, type StaffRequest } from '../audit/events.js'
import type { ProgrammeAccess, WhoMayBook } from '../booking/types.js'
import { WHO_MAY_BOOK } from '../booking/types.js'
import { normaliseEmailDomain } from '../booking/who-may-book.js'
import type { Clock } from '../clock.js'
import { NotFoundError, ValidationError, type FieldProblem } from '../errors.js'
import type { AuditLog } from '../audit/events.js'
import { inTransaction } from '../../repositories/db.js'
import { findProgrammeAccess, setCancellationCutoff, updateProgrammeAccess } from '../../repositories/programme-access.js'

const MAX_EMAIL_DOMAINS = 50
const LIVE_BOOKINGS_PER_EMAIL = { minimum: 1, maximum: 50 } as const

export const ACCESS_MESSAGES = {
  whoMayBook: 'Select who may book',
  domainsMissing: 'Enter at least one email domain, like nhs.net',
  domainInvalid: (text: string) => `“${text.slice(0, 60)}” is not an email domain: enter domains like nhs.net, one on each line`,
  tooManyDomains: `Enter no more than ${MAX_EMAIL_DOMAINS} email domains`,
  asksEmailCode: 'Select yes if candidates must prove their email address',
  liveBookingsPerEmail: `Enter a whole number of bookings from ${LIVE_BOOKINGS_PER_EMAIL.minimum} to ${LIVE_BOOKINGS_PER_EMAIL.maximum}`,
} as const

/** A change to some of the settings; what is left out stays. */
interface AccessChange {
  whoMayBook?: string
  emailDomains?: string[]
  asksEmailCode?: boolean
  liveBookingsPerEmail?: number
  /** Hours before the conversation after which a candidate can no longer change or cancel it online (0: none). */
  cancellationCutoffHours?: number
}

const CANCELLATION_CUTOFF_HOURS = { minimum: 0, maximum: 336 } as const

/** The settings after `change`, or the problems with it (each with its field). */
export function applyAccessChange(current: ProgrammeAccess, change: AccessChange): { ok: true; value: ProgrammeAccess } | { ok: false; errors: FieldProblem[] } {
  const errors: FieldProblem[] = []
  const whoMayBook = change.whoMayBook ?? current.whoMayBook
  if (!WHO_MAY_BOOK.includes(whoMayBook as WhoMayBook)) errors.push({ field: 'whoMayBook', message: ACCESS_MESSAGES.whoMayBook })
  const domains: string[] = []
  for (const text of change.emailDomains ?? current.emailDomains) {
    if (text.trim() === '') continue
    const domain = normaliseEmailDomain(text)
    if (!domain) errors.push({ field: 'emailDomains', message: ACCESS_MESSAGES.domainInvalid(text.trim()) })
    else if (!domains.includes(domain)) domains.push(domain)
  }
  if (domains.length > MAX_EMAIL_DOMAINS) errors.push({ field: 'emailDomains', message: ACCESS_MESSAGES.tooManyDomains })
  if (whoMayBook === 'domains' && domains.length === 0 && !errors.some((e) => e.field === 'emailDomains')) {
    errors.push({ field: 'emailDomains', message: ACCESS_MESSAGES.domainsMissing })
  }
  const liveBookingsPerEmail = change.liveBookingsPerEmail ?? current.liveBookingsPerEmail
  if (!Number.isInteger(liveBookingsPerEmail) || liveBookingsPerEmail < LIVE_BOOKINGS_PER_EMAIL.minimum || liveBookingsPerEmail > LIVE_BOOKINGS_PER_EMAIL.maximum) {
    errors.push({ field: 'liveBookingsPerEmail', message: ACCESS_MESSAGES.liveBookingsPerEmail })
  }
  if (errors.length > 0) return { ok: false, errors }
  return {
    ok: true,
    value: { whoMayBook: whoMayBook as WhoMayBook, emailDomains: domains, asksEmailCode: change.asksEmailCode ?? current.asksEmailCode, liveBookingsPerEmail },
  }
}

interface AccessDeps {
  pool: pg.Pool
  clock: Clock
  audit: Pick<AuditLog, 'record'>
}

/** Applies `change` to the programme (id or slug): the programme's settings after it. 404 when there is no such programme. */
export async function changeProgrammeAccess(
  deps: AccessDeps,
  programme: string,
  change: AccessChange,
  by: StaffRequest,
): Promise<{ id: string; access: ProgrammeAccess }> {
  return inTransaction(deps.pool, async (client) => {
    const current = await findProgrammeAccess(client, programme, { lock: true })
    if (!current) throw new NotFoundError('There is no such programme')
    const next = applyAccessChange(current.access, change)
    const cutoff = change.cancellationCutoffHours
    const cutoffProblem =
      cutoff !== undefined && (!Number.isInteger(cutoff) || cutoff < CANCELLATION_CUTOFF_HOURS.minimum || cutoff > CANCELLATION_CUTOFF_HOURS.maximum)
        ? [{ field: 'cancellationCutoffHours', message: `Enter a whole number of hours from 0 to ${CANCELLATION_CUTOFF_HOURS.maximum}` }]
        : []
    if (!next.ok || cutoffProblem.length > 0) throw new ValidationError([...(next.ok ? [] : next.errors), ...cutoffProblem])
    const changed = (Object.keys(next.value) as (keyof ProgrammeAccess)[]).filter(
      (key) => JSON.stringify(next.value[key]) !== JSON.stringify(current.access[key]),
    )
    if (cutoff !== undefined && (await setCancellationCutoff(client, current.id, cutoff, deps.clock.now()))) changed.push('cancellationCutoffHours' as keyof ProgrammeAccess)
    if (changed.length > 0) {
      await updateProgrammeAccess(client, current.id, next.value, deps.clock.now())
      await recordStaffChange(deps.audit, client, by, {
        action: 'programme.access_changed',
        subjectType: 'programme',
        subjectId: current.id,
        details: { settings: changed },
      })
    }
    return { id: current.id, access: next.value }
  })
}
