/** Slot building for booking: pure, no database, the current instant always given. */
export type { CoachSchedule, DateOverride, LocalTimeWindow, Slot, TimeRange, WeeklyWindow, Weekday } from './types.js'
export type { SlotRuleSettings } from './slot-rules.js'
export { DEFAULT_HORIZON_DAYS, MAXIMUM_HORIZON_DAYS } from './slot-rules.js'
export type { SlotQuery } from './date-range.js'
export { MAXIMUM_QUERY_DAYS, parseSlotQuery, requireSlotQuery, slotQueryInterval } from './date-range.js'
export type { SlotContext, SlotListingContext } from './build-slots.js'
export { buildProgrammeSlots, buildSlotsForCoach, checkSlot, freeCoachIds, isSlotFree } from './build-slots.js'
export { AvailabilityIndex, parseAvailabilityChange } from './availability-index.js'
