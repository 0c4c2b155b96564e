/**
 * The time zones a candidate picks from: UK time first, then zones where
 * many NHS bank workers have family or spend time, then any IANA zone typed
 * in. Stored as the canonical IANA name (so "europe/london" becomes "Europe/London").
 */
import { DEFAULT_TIME_ZONE, isValidTimeZone } from '../time/index.js'

export interface TimeZoneChoice {
  value: string
  text: string
}

export const COMMON_TIME_ZONES: readonly TimeZoneChoice[] = [
  { value: DEFAULT_TIME_ZONE, text: 'UK time' },
  { value: 'Europe/Dublin', text: 'Ireland time' },
  { value: 'Europe/Paris', text: 'Central European time (for example Paris, Madrid, Warsaw)' },
  { value: 'Europe/Bucharest', text: 'Eastern European time (for example Bucharest, Athens, Sofia)' },
  { value: 'Africa/Lagos', text: 'West Africa time (for example Lagos)' },
  { value: 'Asia/Kolkata', text: 'India time' },
  { value: 'Asia/Manila', text: 'Philippines time' },
  { value: 'America/New_York', text: 'US Eastern time (for example New York)' },
]

/** The value of the "another time zone" radio; its text input is `otherTimeZone`. */
export const OTHER_TIME_ZONE = 'other'

/** The zone's canonical IANA name, or null when it is not a zone we know. */
export function canonicalTimeZone(text: string): string | null {
  const trimmed = text.trim()
  if (trimmed === '' || trimmed.length > 100 || !isValidTimeZone(trimmed)) return null
  try {
    return new Intl.DateTimeFormat('en-GB', { timeZone: trimmed }).resolvedOptions().timeZone
  } catch {
    return null
  }
}

export function isCommonTimeZone(zone: string): boolean {
  return COMMON_TIME_ZONES.some((choice) => choice.value === zone)
}
