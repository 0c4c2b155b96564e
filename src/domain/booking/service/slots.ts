/**
 * Listing free slots for a programme, and holding one for a candidate.
 */
import type { FieldProblem } from '../../errors.js'
import { ValidationError } from '../../errors.js'
import type { Slot } from '../../slots/index.js'
import { buildProgrammeSlots, parseSlotQuery, slotQueryInterval } from '../../slots/index.js'
import { MINUTE_MS } from '../../slots/zone-time.js'
import { SlotUnavailableError } from '../errors.js'
import { HOLD_MAX_MINUTES, holdExpiry } from '../holds.js'
import { INVITED_ONLY_MESSAGE, NotEligibleError } from '../who-may-book.js'
import { INVITATION_MESSAGES, requireInvitation } from './create-booking.js'
import { generateToken, hashToken, looksLikeToken } from '../tokens.js'
import type { ProgrammeSettings } from '../types.js'
import type { BookingDeps, GuardedBookingDeps, Visitor } from './deps.js'
import { freeCoachHint, freeCoachesInOrder, inPlacementTransaction, placeWithFirstFreeCoach, slotRules } from './placement.js'
import { UNKNOWN_PROGRAMME_MESSAGE, requireProgramme } from './programme.js'
import { loadCoachSchedules } from '../../../repositories/coaches.js'
import { findActiveProgramme } from '../../../repositories/programmes.js'
import {
  deleteExpiredHolds,
  extendHold,
  findHold,
  insertHold,
  lockAndListAddressHolds,
  releaseHold,
  releaseInvitationHolds,
} from '../../../repositories/slot-holds.js'

const HOLD_KEY_INVALID = 'This hold is not valid'

interface SlotListingInput {
  programme?: string | null
  from?: string | null
  to?: string | null
  timeZone?: string | null
  /** The candidate's hold key: their own held time is shown to them as free. */
  holdKey?: string | null
}

interface SlotListing {
  programme: ProgrammeSettings
  timeZone: string
  slots: Slot[]
}

/**
 * Free slots of a programme between two dates in the candidate's zone: the
 * union of its coaches' free times. Every problem with the input is reported
 * at once, each with its field (programme, from, to, timeZone, holdKey).
 */
export async function listSlots(deps: BookingDeps, input: SlotListingInput): Promise<SlotListing> {
  const listing = await listSlotsJson(deps, input)
  return { programme: listing.programme, timeZone: listing.timeZone, slots: JSON.parse(listing.slotsJson) as Slot[] }
}

/**
 * listSlots with the slots as the JSON array the API sends
 * (`[{"start":…,"end":…}]`), made once and reused by the availability index
 * while nothing changes.
 */
export async function listSlotsJson(
  deps: BookingDeps,
  input: SlotListingInput,
): Promise<{ programme: ProgrammeSettings; timeZone: string; slotsJson: string }> {
  const problems: FieldProblem[] = []
  const parsed = parseSlotQuery({ from: input.from, to: input.to, timeZone: input.timeZone })
  if (!parsed.ok) problems.push(...parsed.errors)
  const programmeKey = (input.programme ?? '').trim()
  const programme = programmeKey === '' ? null : await findProgramme(deps, programmeKey)
  if (!programme) problems.push({ field: 'programme', message: UNKNOWN_PROGRAMME_MESSAGE })
  if (input.holdKey && !looksLikeToken(input.holdKey)) problems.push({ field: 'holdKey', message: HOLD_KEY_INVALID })
  if (problems.length > 0 || !parsed.ok || !programme) throw new ValidationError(sortByField(problems))

  const now = deps.clock.now()
  const query = parsed.value
  const hold = input.holdKey ? await findHold(deps.pool, hashToken(input.holdKey), now) : null
  const ownHold = hold && hold.programmeId === programme.id ? hold : null
  let slotsJson: string
  if (deps.availability && !ownHold) {
    slotsJson = await deps.availability.slotsJson(programme, query, now)
  } else {
    // The candidate's own held time is free to them: read the programme
    // without their hold (only their hold's coach differs from the index).
    const others = deps.availability ? await deps.availability.slots(programme, query, now) : []
    const interval = slotQueryInterval(query)
    const schedules = await loadCoachSchedules(deps.pool, {
      programmeId: programme.id,
      ...(deps.availability && ownHold ? { coachIds: [ownHold.coachId] } : {}),
      from: new Date(interval.start),
      to: new Date(interval.end + programme.durationMinutes * MINUTE_MS),
      now,
      holderKeyHash: ownHold ? hashToken(input.holdKey!) : null,
    })
    const own = buildProgrammeSlots(schedules, { now, query, rules: slotRules(programme) })
    slotsJson = JSON.stringify(unionOfSlots(others, own))
  }
  return { programme, timeZone: query.timeZone, slotsJson }
}

/** The programme as booking reads it: from the availability index's memory when it has one. */
async function findProgramme(deps: BookingDeps, idOrSlug: string): Promise<ProgrammeSettings | null> {
  return deps.availability ? deps.availability.programme(idOrSlug, () => findActiveProgramme(deps.pool, idOrSlug)) : findActiveProgramme(deps.pool, idOrSlug)
}

/** Both lists' slots once each, in start order. */
function unionOfSlots(a: readonly Slot[], b: readonly Slot[]): Slot[] {
  const byStart = new Map<string, Slot>()
  for (const slot of [...a, ...b]) byStart.set(slot.start, { start: slot.start, end: slot.end })
  return [...byStart.values()].sort((x, y) => (x.start < y.start ? -1 : x.start > y.start ? 1 : 0))
}

const FIELD_ORDER = ['programme', 'from', 'to', 'timeZone', 'holdKey']
function sortByField(problems: FieldProblem[]): FieldProblem[] {
  return [...problems].sort((a, b) => FIELD_ORDER.indexOf(a.field) - FIELD_ORDER.indexOf(b.field))
}

interface HoldInput {
  programme: string
  /** The start of a free slot, ISO 8601 with an offset. */
  start: string
  /** The key of the candidate's current hold: it is replaced. Without one, a new key is made. */
  holdKey?: string | null
  /** The token of the candidate's personal booking link: the hold counts against it, not the address. */
  invitation?: string | null
  /** The booking this time is for, when its candidate (who opened it with their link) is moving it. */
  movingBookingId?: string | null
}

interface SlotHold {
  /** Give it back when listing slots and booking. Only its hash is stored. */
  holdKey: string
  start: Date
  end: Date
  expiresAt: Date
}

/**
 * Holds a free slot for the candidate for a few minutes (holds.ts), with the
 * coach they would get; their previous hold ends. Holding the time they hold
 * already keeps it for longer (up to HOLD_MAX_MINUTES). 409 slot_unavailable
 * when nobody is free then; 403 not_eligible on a programme for invited
 * people only; 429 over the address's live holds.
 */
export async function holdSlot(deps: GuardedBookingDeps, input: HoldInput, visitor: Visitor): Promise<SlotHold> {
  const problems: FieldProblem[] = []
  const start = new Date(input.start)
  if (Number.isNaN(start.getTime())) problems.push({ field: 'start', message: 'Choose a time from the list' })
  if (input.holdKey && !looksLikeToken(input.holdKey)) problems.push({ field: 'holdKey', message: HOLD_KEY_INVALID })
  if (input.invitation && !looksLikeToken(input.invitation)) problems.push({ field: 'invitation', message: INVITATION_MESSAGES.invalid })
  if (problems.length > 0) throw new ValidationError(problems)
  const key = input.holdKey ? { token: input.holdKey, hash: hashToken(input.holdKey) } : generateToken()
  const now = deps.clock.now()
  const hint = await freeCoachHint(deps, input.programme, start, now)

  // The refusal is recorded after the transaction has given its connection back.
  return placeHold(deps, input, key, { start, now, hint, visitor }).catch(async (error: unknown) => {
    if (!(error instanceof LiveHoldsReached)) throw error
    return deps.limits.refuse(LIVE_HOLDS_RULE, `address:${visitor.ip}`, error.retryAfterSeconds, visitor)
  })
}

/** Over the address's live holds, found inside the hold's transaction. */
class LiveHoldsReached extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super('live holds per address reached')
  }
}

async function placeHold(
  deps: GuardedBookingDeps,
  input: HoldInput,
  key: { token: string; hash: string },
  { start, now, hint, visitor }: { start: Date; now: Date; hint: Awaited<ReturnType<typeof freeCoachHint>>; visitor: Visitor },
): Promise<SlotHold> {
  return inPlacementTransaction(deps.pool, async (client) => {
    const programme = await requireProgramme(client, input.programme)
    const invitation = input.invitation ? await requireInvitation(client, input.invitation, programme, now, { lock: false }) : null
    if (!invitation && !input.movingBookingId && programme.access.whoMayBook === 'invited') throw new NotEligibleError(INVITED_ONLY_MESSAGE)
    const end = new Date(start.getTime() + programme.durationMinutes * MINUTE_MS)

    const current = await findHold(client, key.hash, now)
    if (current && current.programmeId === programme.id && current.startsAt.getTime() === start.getTime()) {
      const kept = await extendHold(client, key.hash, { expiresAt: holdExpiry(now), maxMinutes: HOLD_MAX_MINUTES, now })
      if (kept) return { holdKey: key.token, start, end, expiresAt: kept.expiresAt }
    }

    const clientKey = invitation ? null : deps.limits.keyOf(`address:${visitor.ip}`)
    if (invitation) {
      await releaseInvitationHolds(client, invitation.id, key.hash)
    } else {
      const live = await lockAndListAddressHolds(client, { clientKey: clientKey!, programmeId: programme.id, exceptHolderKeyHash: key.hash, now })
      if (live.length >= deps.limits.rules.liveHoldsPerAddress) {
        const firstFree = live[live.length - deps.limits.rules.liveHoldsPerAddress]!
        throw new LiveHoldsReached((firstFree.getTime() - now.getTime()) / 1000)
      }
    }

    const expiresAt = holdExpiry(now)
    await releaseHold(client, key.hash)
    const placement = { programme, start, end, now, holderKeyHash: key.hash }
    const coachIds = await freeCoachesInOrder(client, placement, hint)
    if (coachIds.length === 0) throw new SlotUnavailableError()
    const coachId = await placeWithFirstFreeCoach(client, coachIds, placement, async (coachId) => {
      await deleteExpiredHolds(client, coachId, now)
      await insertHold(client, {
        programmeId: programme.id,
        coachId,
        holderKeyHash: key.hash,
        startsAt: start,
        endsAt: end,
        expiresAt,
        now,
        clientKey,
        invitationId: invitation?.id ?? null,
      })
    })
    if (!coachId) throw new SlotUnavailableError()
    return { holdKey: key.token, start, end, expiresAt }
  })
}

const LIVE_HOLDS_RULE = {
  name: 'live-holds-per-address',
  message: 'Too many times are being held from your network just now. If you were sent a personal booking link, use that.',
}

/**
 * Keeps the holder's time for HOLD_MINUTES more (they are still in the
 * journey), up to HOLD_MAX_MINUTES since they chose it: the new expiry, or
 * null when they hold nothing.
 */
export async function keepHold(deps: Pick<BookingDeps, 'pool' | 'clock'>, holdKey: string): Promise<Date | null> {
  if (!looksLikeToken(holdKey)) return null
  const now = deps.clock.now()
  const kept = await extendHold(deps.pool, hashToken(holdKey), { expiresAt: holdExpiry(now), maxMinutes: HOLD_MAX_MINUTES, now })
  return kept?.expiresAt ?? null
}
