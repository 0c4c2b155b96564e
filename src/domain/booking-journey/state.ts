/**
 * The booking journey: its steps, the answers gathered so far, and which
 * step comes next. One question per page, in this order:
 *
 *   day → time → details → (email-code) → contact → information → check → (booked) confirmation
 *
 * The email-code step is there only on programmes that ask for proof of the
 * address, for candidates without an invitation (domain/email-proof).
 *
 * A step can be shown only when every step before it is answered; otherwise
 * the candidate is sent to the first unanswered one. Once they have reached
 * "check your answers", a change sends them back there (through any step the
 * change left unanswered: a new day needs a new time).
 */
import type { ContactMethod } from '../booking/types.js'
import { CONTACT_METHODS } from '../booking/types.js'
import { DEFAULT_TIME_ZONE, isValidTimeZone } from '../time/index.js'

const JOURNEY_STEPS = ['day', 'time', 'details', 'email-code', 'contact', 'information', 'check'] as const
export type JourneyStep = (typeof JOURNEY_STEPS)[number]

/** How long a journey is kept without a change: each answer starts the hour again. */
export const JOURNEY_MINUTES = 60

/** What the confirmation page shows, once booked. */
interface BookedSummary {
  reference: string
  manageToken: string
  start: string
  end: string
  timeZone: string
  contactMethod: ContactMethod
  phone: string | null
  email: string
  coachFirstName: string
}

export type JourneyNotice = 'slot-taken'

export interface JourneyState {
  /** Random id of this journey: the Idempotency-Key of its booking, so a double submit books once. */
  id: string
  /** Programme slug. */
  programme: string
  /** The token of the personal booking link the candidate came from, if any. */
  invitation: string | null
  timeZone: string
  /** YYYY-MM-DD on the candidate's clock. */
  day: string | null
  /** The chosen slot's start, ISO 8601 UTC. */
  start: string | null
  /** The key of the candidate's slot hold (see booking/holds.ts); kept only in this sealed state. */
  holdKey: string | null
  holdExpiresAt: string | null
  name: string | null
  email: string | null
  phone: string | null
  contactMethod: ContactMethod | null
  accessibilityNeeds: string | null
  consent: boolean
  /** The programme asks for proof of the address and they have no invitation: refreshed at every page. */
  emailCodeNeeded: boolean
  /** The code sent to `emailCodeFor`, and what they typed once it proved right. */
  emailCodeId: string | null
  emailCodeFor: string | null
  emailCode: { codeId: string; code: string } | null
  /** They have reached check your answers: after a change, they go back there. */
  checking: boolean
  /** Shown once, on the next page. */
  notice: JourneyNotice | null
  booked: BookedSummary | null
}

interface NewJourney {
  id: string
  programme: string
  timeZone?: string | null
  invitation?: string | null
  prefill?: { name?: string | null; email?: string | null; phone?: string | null }
}

export function newJourney(input: NewJourney): JourneyState {
  return {
    id: input.id,
    programme: input.programme,
    invitation: input.invitation ?? null,
    timeZone: input.timeZone && isValidTimeZone(input.timeZone) ? input.timeZone : DEFAULT_TIME_ZONE,
    day: null,
    start: null,
    holdKey: null,
    holdExpiresAt: null,
    name: input.prefill?.name ?? null,
    email: input.prefill?.email ?? null,
    phone: input.prefill?.phone ?? null,
    contactMethod: null,
    accessibilityNeeds: null,
    consent: false,
    emailCodeNeeded: false,
    emailCodeId: null,
    emailCodeFor: null,
    emailCode: null,
    checking: false,
    notice: null,
    booked: null,
  }
}

const str = (value: unknown): string | null => (typeof value === 'string' ? value : null)

/**
 * A journey from what the sealed cookie held, or null when it is not one
 * (an older shape, say). Every field is checked: the seal keeps strangers
 * out, this keeps a change of shape from breaking a page.
 */
export function readJourney(value: unknown): JourneyState | null {
  if (typeof value !== 'object' || value === null) return null
  const raw = value as Record<string, unknown>
  const id = str(raw.id)
  const programme = str(raw.programme)
  const timeZone = str(raw.timeZone)
  if (!id || !programme || !timeZone || !isValidTimeZone(timeZone)) return null
  const contactMethod = CONTACT_METHODS.find((method) => method === raw.contactMethod) ?? null
  return {
    id,
    programme,
    invitation: str(raw.invitation),
    timeZone,
    day: str(raw.day),
    start: str(raw.start),
    holdKey: str(raw.holdKey),
    holdExpiresAt: str(raw.holdExpiresAt),
    name: str(raw.name),
    email: str(raw.email),
    phone: str(raw.phone),
    contactMethod,
    accessibilityNeeds: str(raw.accessibilityNeeds),
    consent: raw.consent === true,
    emailCodeNeeded: raw.emailCodeNeeded === true,
    emailCodeId: str(raw.emailCodeId),
    emailCodeFor: str(raw.emailCodeFor),
    emailCode: readEmailCode(raw.emailCode),
    checking: raw.checking === true,
    notice: raw.notice === 'slot-taken' ? 'slot-taken' : null,
    booked: readBooked(raw.booked),
  }
}

function readEmailCode(value: unknown): { codeId: string; code: string } | null {
  if (typeof value !== 'object' || value === null) return null
  const raw = value as Record<string, unknown>
  return typeof raw.codeId === 'string' && typeof raw.code === 'string' ? { codeId: raw.codeId, code: raw.code } : null
}

/** The address they gave is proven by a code (or needs no proof). */
function isEmailProven(state: JourneyState): boolean {
  return !state.emailCodeNeeded || (state.emailCode !== null && state.emailCodeFor === state.email)
}

function readBooked(value: unknown): BookedSummary | null {
  if (typeof value !== 'object' || value === null) return null
  const raw = value as Record<string, unknown>
  const fields = ['reference', 'manageToken', 'start', 'end', 'timeZone', 'email', 'coachFirstName'] as const
  if (fields.some((field) => typeof raw[field] !== 'string')) return null
  const contactMethod = CONTACT_METHODS.find((method) => method === raw.contactMethod)
  if (!contactMethod) return null
  return {
    reference: raw.reference as string,
    manageToken: raw.manageToken as string,
    start: raw.start as string,
    end: raw.end as string,
    timeZone: raw.timeZone as string,
    contactMethod,
    phone: str(raw.phone),
    email: raw.email as string,
    coachFirstName: raw.coachFirstName as string,
  }
}

/** True when the step's question has an answer (check your answers never has one: it is where answers are sent). */
function isStepAnswered(state: JourneyState, step: JourneyStep): boolean {
  switch (step) {
    case 'day':
      return state.day !== null
    case 'time':
      return state.start !== null
    case 'details':
      return Boolean(state.name && state.email)
    case 'email-code':
      return isEmailProven(state)
    case 'contact':
      return state.contactMethod !== null && (state.contactMethod !== 'phone' || Boolean(state.phone))
    case 'information':
      return state.consent
    case 'check':
      return false
  }
}

/** The first step without an answer: where a candidate resumes. */
export function firstUnansweredStep(state: JourneyState): JourneyStep {
  return JOURNEY_STEPS.find((step) => !isStepAnswered(state, step)) ?? 'check'
}

/** Where to send someone asking for `step`: null when they may see it, otherwise the step to see first. */
export function redirectBefore(state: JourneyState, step: JourneyStep): JourneyStep | null {
  const first = firstUnansweredStep(state)
  return JOURNEY_STEPS.indexOf(first) < JOURNEY_STEPS.indexOf(step) ? first : null
}

/** The step after answering `step`. */
export function nextStep(state: JourneyState, step: JourneyStep): JourneyStep {
  if (state.checking) return firstUnansweredStep(state)
  let following: JourneyStep = JOURNEY_STEPS[JOURNEY_STEPS.indexOf(step) + 1] ?? 'check'
  // A step that is not asked on this journey is passed over.
  if (following === 'email-code' && !state.emailCodeNeeded) following = 'contact'
  // Never skip ahead of an unanswered step (e.g. a prefilled invitation still needs a time).
  return redirectBefore(state, following) ?? following
}

/** Everything createBooking needs, once every step is answered. */
export function isReadyToBook(state: JourneyState): boolean {
  return firstUnansweredStep(state) === 'check'
}

/** Choosing a day drops a chosen time on another day (the hold key stays, so the next hold replaces the old one). */
export function withDay(state: JourneyState, day: string, dayOfStart: string | null): JourneyState {
  const keepTime = state.start !== null && dayOfStart === day
  return { ...state, day, start: keepTime ? state.start : null }
}

/** "24 months": how long a programme keeps conversation notes, in the words of its notice. */
export function retentionPeriodText(months: number): string {
  return `${months} ${months === 1 ? 'month' : 'months'}`
}
