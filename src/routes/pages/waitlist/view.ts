/** View data the waitlist's pages share: the checkbox items of days and parts of the day. */
import { PART_OF_DAY_MINUTES, PARTS_OF_DAY, WEEKDAY_NAMES } from '../../../domain/waitlist/preferences.js'

export function dayItems(chosen: readonly number[]) {
  return WEEKDAY_NAMES.map((name, index) => ({ value: String(index + 1), text: name, checked: chosen.includes(index + 1) }))
}

export function partOfDayItems(chosen: readonly string[]) {
  return PARTS_OF_DAY.map((part) => ({
    value: part,
    text: PART_OF_DAY_MINUTES[part].label,
    hint: { text: PART_OF_DAY_MINUTES[part].hint },
    checked: chosen.includes(part),
  }))
}
