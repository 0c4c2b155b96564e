/**
 * A programme's rules for slots, with their defaults.
 *
 * Notice and horizon are measured in elapsed time from now (a day is 24
 * hours), so they mean the same whichever zone a coach or candidate is in.
 */

export interface SlotRules {
  /** Conversation length. Default 45. */
  durationMinutes: number
  /** Gap between candidate starts within a working window. Default: the conversation length. */
  stepMinutes: number
  /** A slot must start at least this long after now (inclusive). Default 24 hours. */
  minimumNoticeMinutes: number
  /** A slot must start no later than now + this many days (inclusive). Default 56 (8 weeks), most 366. */
  horizonDays: number
}

/** Settings a programme stores; anything missing takes its default. */
export type SlotRuleSettings = Partial<SlotRules>

const DEFAULT_DURATION_MINUTES = 45
const DEFAULT_MINIMUM_NOTICE_MINUTES = 24 * 60
export const DEFAULT_HORIZON_DAYS = 8 * 7
/** "Up to a year", leap years included. */
export const MAXIMUM_HORIZON_DAYS = 366

/** Fills in defaults (the step defaults to the duration) and checks the numbers; throws a RangeError when one is out of range. */
export function resolveSlotRules(settings: SlotRuleSettings = {}): SlotRules {
  const durationMinutes = settings.durationMinutes ?? DEFAULT_DURATION_MINUTES
  const rules: SlotRules = {
    durationMinutes,
    stepMinutes: settings.stepMinutes ?? durationMinutes,
    minimumNoticeMinutes: settings.minimumNoticeMinutes ?? DEFAULT_MINIMUM_NOTICE_MINUTES,
    horizonDays: settings.horizonDays ?? DEFAULT_HORIZON_DAYS,
  }
  requireWhole('durationMinutes', rules.durationMinutes, 1, 24 * 60)
  requireWhole('stepMinutes', rules.stepMinutes, 1, 24 * 60)
  requireWhole('minimumNoticeMinutes', rules.minimumNoticeMinutes, 0, MAXIMUM_HORIZON_DAYS * 24 * 60)
  requireWhole('horizonDays', rules.horizonDays, 0, MAXIMUM_HORIZON_DAYS)
  return rules
}

export function requireWhole(name: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`${name} must be a whole number from ${min} to ${max}, got ${String(value)}`)
  }
}
