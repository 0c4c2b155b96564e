/**
 * The options of the staff pages' programme and coach filters (the follow-up
 * review, the bookings' search), for nhsuk-frontend's `select`.
 *
 * Made once for each kept list (src/domain/reports/filter-lists.ts) and value
 * chosen, and frozen: the component cache encodes a frozen value once and
 * then knows it by identity (src/http/component-cache.ts), where the coaches'
 * list of 200 cost 70 µs to encode at every view.
 */
import type { FilterLists } from '../domain/reports/filter-lists.js'

export interface SelectOption {
  value: string
  text: string
  selected: boolean
}

/** One option of a select, chosen when its value is `chosen`. */
export const selectOption = (value: string, text: string, chosen: string): SelectOption => ({ value, text, selected: value === chosen })

/** The values chosen that are kept for each list: a made-up value in a query gets options made afresh once the list is full. */
const MOST_KEPT_CHOICES = 32

const kept = new WeakMap<object, Map<string, readonly Readonly<SelectOption>[]>>()

function keptOptions<T>(list: readonly T[], chosen: string, make: (item: T) => SelectOption, first: SelectOption): readonly Readonly<SelectOption>[] {
  let byChoice = kept.get(list)
  if (byChoice === undefined) {
    byChoice = new Map()
    kept.set(list, byChoice)
  }
  const known = byChoice.get(chosen)
  if (known !== undefined) return known
  const options = Object.freeze([first, ...list.map(make)].map((option) => Object.freeze(option)))
  if (byChoice.size < MOST_KEPT_CHOICES) byChoice.set(chosen, options)
  return options
}

/** The programme filter's options: every programme, closed ones said so, after "All programmes". */
export function programmeOptions(lists: FilterLists, chosen: string): readonly Readonly<SelectOption>[] {
  return keptOptions(
    lists.programmes,
    chosen,
    (p) => selectOption(p.id, p.active ? p.name : `${p.name} (closed)`, chosen),
    selectOption('', 'All programmes', chosen),
  )
}

/** The coach filter's options: every coach by name, after "All coaches". */
export function coachOptions(lists: FilterLists, chosen: string): readonly Readonly<SelectOption>[] {
  return keptOptions(lists.coaches, chosen, (c) => selectOption(c.id, c.name, chosen), selectOption('', 'All coaches', chosen))
}
