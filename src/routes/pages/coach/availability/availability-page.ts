/**
 * What every availability page shares, for either scope: whose availability
 * it is (the signed-in coach's own, or the one in the admin's path), the view
 * data each page starts from, the error summary, and how a change is saved
 * (one transaction under the coach's row lock, audited there).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type pg from 'pg'
import { Type } from 'typebox'
import { describeTimeZone, type AvailabilityFieldError } from '../../../../domain/availability/index.js'
import { ForbiddenError, NotFoundError } from '../../../../domain/errors.js'
import { timeZoneLabel } from '../../../../domain/time/index.js'
import { findAvailabilityCoach, lockCoachAvailability, type AvailabilityCoach } from '../../../../repositories/availability.js'
import { inTransaction, type Queryable } from '../../../../repositories/db.js'

export interface AvailabilityPagesOptions {
  /** 'coach': the signed-in coach's own availability; 'admin': the coach named by `:coachId` in the prefix. */
  scope: 'coach' | 'admin'
}

export type AvailabilityScope = AvailabilityPagesOptions['scope']

/** A posted form: every field a string; the domain reads the ones it knows. */
export const FormBody = Type.Record(Type.String({ maxLength: 100 }), Type.String({ maxLength: 1000 }))
export const Notice = Type.Object({
  saved: Type.Optional(Type.String({ maxLength: 40 })),
  added: Type.Optional(Type.String({ maxLength: 10 })),
  removed: Type.Optional(Type.String({ maxLength: 10 })),
})

type AvailabilityChange =
  | 'weekly_hours'
  | 'settings'
  | 'video_link'
  | 'date_override_added'
  | 'date_override_removed'
  | 'time_off_added'
  | 'time_off_removed'

export interface Page {
  coach: AvailabilityCoach
  /** Where this coach's availability pages are. */
  base: string
  /** View data every page shares. */
  view: { base: string; isAdmin: boolean; coachName: string; caption: string | undefined; timeZoneLabel: string; timeZone: string }
}

/** View data for the NHS error summary and the message by each field. */
export function errorView(errors: readonly AvailabilityFieldError[]) {
  return {
    hasErrors: errors.length > 0,
    errorList: errors.map((error) => ({ text: error.text, href: error.href })),
    fieldErrors: Object.fromEntries(errors.map((error) => [error.field, error.text])) as Record<string, string>,
    /** Boxes to mark in error: a whole date, or just the field. */
    highlighted: Object.fromEntries(errors.flatMap((error) => (error.highlight ?? [error.field]).map((id) => [id, true]))) as Record<string, boolean>,
  }
}

/** A change's work found problems with the form (or nothing to change): nothing was saved. */
export function hasErrors<T>(result: T | { errors: AvailabilityFieldError[] }): result is { errors: AvailabilityFieldError[] } {
  return typeof result === 'object' && result !== null && 'errors' in result
}

/**
 * The coach whose availability a page is about, and that availability's address: the signed-in coach's own
 * (/coach/availability), or the one in the path for the programme team (404 when there is no such coach).
 */
export async function availabilityCoachOf(
  pool: Queryable,
  request: FastifyRequest,
  scope: AvailabilityScope,
): Promise<{ coach: AvailabilityCoach; base: string }> {
  let coachId: string
  if (scope === 'coach') {
    if (!request.staff?.coachId) throw new ForbiddenError()
    coachId = request.staff.coachId
  } else {
    coachId = (request.params as { coachId?: string }).coachId ?? ''
  }
  const coach = await findAvailabilityCoach(pool, coachId)
  if (!coach) throw new NotFoundError('There is no such coach')
  return { coach, base: scope === 'coach' ? '/coach/availability' : `/admin/coaches/${coach.id}/availability` }
}

/** The page helpers of one scope, for the plugins that register its routes. */
export function availabilityPage(app: FastifyInstance, scope: AvailabilityScope) {
  const pool = app.pg.pool

  async function pageFor(request: FastifyRequest): Promise<Page> {
    const { coach, base } = await availabilityCoachOf(pool, request, scope)
    return {
      coach,
      base,
      view: {
        base,
        isAdmin: scope === 'admin',
        coachName: coach.name,
        caption: scope === 'admin' ? coach.name : undefined,
        timeZoneLabel: timeZoneLabel(coach.timeZone),
        timeZone: describeTimeZone(coach.timeZone),
      },
    }
  }

  /** "Weekly hours", or "Weekly hours – Jo Bloggs" on an admin's page. */
  function titleFor(page: Page, heading: string): string {
    return scope === 'admin' ? `${heading} – ${page.coach.name}` : heading
  }

  /** Runs a change in one transaction under the coach's lock, and audits it there. */
  async function change<T>(
    request: FastifyRequest,
    page: Page,
    what: AvailabilityChange,
    work: (client: pg.PoolClient) => Promise<T | { errors: AvailabilityFieldError[] }>,
  ): Promise<T | { errors: AvailabilityFieldError[] }> {
    return inTransaction(pool, async (client) => {
      await lockCoachAvailability(client, page.coach.id)
      const result = await work(client)
      if (hasErrors(result)) return result
      await app.audit.recordRequest(
        request,
        { action: 'availability.change', subjectType: 'coach', subjectId: page.coach.id, result: 'success', details: { change: what, scope } },
        { client },
      )
      return result
    })
  }

  return { pageFor, titleFor, change }
}
