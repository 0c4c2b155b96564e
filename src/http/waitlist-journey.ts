/**
 * The join journey's answers, kept in the browser in one sealed cookie
 * (`cc_waitlist`: AES-256-GCM, HttpOnly, SameSite=Lax, Path=/waitlist, an
 * hour after the last answer), as the booking journey keeps its own: no
 * table holds half-finished joins. Shared by the waitlist's pages and the
 * booking journey's day page, whose waitlist link starts a join with the
 * answers the candidate has given already.
 */
import type { FastifyInstance } from 'fastify'
import { CONTACT_METHODS, type ContactMethod } from '../domain/booking/types.js'
import { isValidTimeZone } from '../domain/time/index.js'
import { PARTS_OF_DAY, type PartOfDay } from '../domain/waitlist/preferences.js'
import { sealedCookie, type SealedCookie } from './candidate-pages.js'

const WAITLIST_STEPS = ['details', 'contact', 'days', 'times', 'dates', 'information', 'check'] as const
export type WaitlistStep = (typeof WAITLIST_STEPS)[number]

export interface WaitlistJourney {
  programme: string
  /** The token of the personal booking link, when they came from an invitation's journey. */
  invitation: string | null
  timeZone: string
  name?: string
  email?: string
  phone?: string | null
  contactMethod?: ContactMethod
  /** What would help them take part (the contact page); null when they said nothing. */
  accessibilityNeeds?: string | null
  days?: number[]
  partsOfDay?: PartOfDay[]
  datesAnswered?: boolean
  from?: string | null
  to?: string | null
  consent?: boolean
  /** The email code sent to prove the address (programmes that ask for it). */
  codeId?: string | null
  /** Once joined: the manage link's token, for the confirmation page. */
  joinedToken?: string | null
  /** Shown in "your details" until answered: what the booking journey knew (an invitation's name and address). */
  prefill?: { name: string | null; email: string | null; phone: string | null } | null
}

export function newWaitlistJourney(
  programme: string,
  from: { invitation?: string | null; timeZone?: string | null; prefill?: WaitlistJourney['prefill'] } = {},
): WaitlistJourney {
  return {
    programme,
    invitation: from.invitation ?? null,
    timeZone: from.timeZone && isValidTimeZone(from.timeZone) ? from.timeZone : 'Europe/London',
    prefill: from.prefill ?? null,
  }
}

/** The first step still to answer; check when all are. */
export function firstUnanswered(state: WaitlistJourney): WaitlistStep {
  if (!state.name || !state.email) return 'details'
  if (!state.contactMethod) return 'contact'
  if (!state.days?.length) return 'days'
  if (!state.partsOfDay?.length) return 'times'
  if (!state.datesAnswered) return 'dates'
  if (!state.consent) return 'information'
  return 'check'
}

/** The page to send someone to instead of `step`, when an earlier one is unanswered. */
export function redirectBeforeStep(state: WaitlistJourney, step: WaitlistStep): WaitlistStep | null {
  const first = firstUnanswered(state)
  return WAITLIST_STEPS.indexOf(first) < WAITLIST_STEPS.indexOf(step) ? first : null
}

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined)

function readJourney(value: unknown): WaitlistJourney | null {
  if (typeof value !== 'object' || value === null) return null
  const raw = value as Record<string, unknown>
  const programme = str(raw.programme)
  const timeZone = str(raw.timeZone)
  if (!programme || !timeZone || !isValidTimeZone(timeZone)) return null
  const days = Array.isArray(raw.days) ? raw.days.filter((day): day is number => Number.isInteger(day) && day >= 1 && day <= 7) : undefined
  const partsOfDay = Array.isArray(raw.partsOfDay) ? PARTS_OF_DAY.filter((part) => (raw.partsOfDay as unknown[]).includes(part)) : undefined
  return {
    programme,
    invitation: str(raw.invitation) ?? null,
    timeZone,
    name: str(raw.name),
    email: str(raw.email),
    phone: str(raw.phone) ?? null,
    contactMethod: CONTACT_METHODS.find((method) => method === raw.contactMethod),
    accessibilityNeeds: str(raw.accessibilityNeeds) ?? null,
    days,
    partsOfDay,
    datesAnswered: raw.datesAnswered === true,
    from: str(raw.from) ?? null,
    to: str(raw.to) ?? null,
    consent: raw.consent === true,
    codeId: str(raw.codeId) ?? null,
    joinedToken: str(raw.joinedToken) ?? null,
    prefill: readPrefill(raw.prefill),
  }
}

function readPrefill(value: unknown): WaitlistJourney['prefill'] {
  if (typeof value !== 'object' || value === null) return null
  const raw = value as Record<string, unknown>
  return { name: str(raw.name) ?? null, email: str(raw.email) ?? null, phone: str(raw.phone) ?? null }
}

export function waitlistCookie(app: FastifyInstance): SealedCookie<WaitlistJourney> {
  return sealedCookie(app, { name: 'cc_waitlist', purpose: 'waitlist-journey', path: '/waitlist', minutes: 60, parse: readJourney })
}
