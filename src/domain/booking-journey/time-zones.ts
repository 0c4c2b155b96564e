/**
 * The time zones a candidate picks from: UK time first, then zones where
 * many NHS bank workers have family or spend time; any other IANA zone can
 * be typed in. Stored as the canonical IANA name (so "europe/london" becomes "Europe/London").
 */
import { DEFAULT_TIME_ZONE, isValidTimeZone } from '../time/index.js'

interface TimeZoneChoice {
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

/**
 * The zone's IANA name as we store it, or null when it is not a zone we know.
 * Names are matched whatever their case: first our own list (so "asia/kolkata"
 * stays Asia/Kolkata, where some ICU versions would say Asia/Calcutta), then
 * the zones this runtime lists, then any alias it understands (US/Eastern
 * becomes America/New_York).
 */
export function canonicalTimeZone(text: string): string | null {
  const trimmed = text.trim()
  if (trimmed === '' || trimmed.length > 100 || !isValidTimeZone(trimmed)) return null
  const lower = trimmed.toLowerCase()
  const listed = COMMON_TIME_ZONES.find((choice) => choice.value.toLowerCase() === lower)
  if (listed) return listed.value
  const known = Intl.supportedValuesOf('timeZone').find((zone) => zone.toLowerCase() === lower)
  if (known) return known
  try {
    return new Intl.DateTimeFormat('en-GB', { timeZone: trimmed }).resolvedOptions().timeZone
  } catch {
    return null
  }
}

export function isCommonTimeZone(zone: string): boolean {
  return COMMON_TIME_ZONES.some((choice) => choice.value === zone)
}
