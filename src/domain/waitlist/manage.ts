/**
 * Seeing, changing and leaving a place on the waitlist: with the personal
 * link (its token as the Bearer of the API, or in the page's address), or as
 * the programme team. A wrong or expired link and someone else's entry get
 * the same 404.
 */
import { NotFoundError, ValidationError } from '../errors.js'
import type { ContactMethod } from '../booking/types.js'
import { hashToken, looksLikeToken } from '../booking/tokens.js'
import type { Clock } from '../clock.js'
import type pg from 'pg'
import { inTransaction, type Queryable } from '../../repositories/db.js'
import {
  endEntry,
  findEntry,
  findEntryIdByTokenHash,
  findOpenOffer,
  updatePreferences,
  type WaitlistEntryRecord,
  type WaitlistOfferRecord,
} from '../../repositories/waitlist.js'
import { todayIn } from './preferences.js'
import { preferenceProblems, type PreferencesInput } from './rules.js'

export const ENTRY_NOT_FOUND = 'There is no place on a waitlist for this link'

export interface WaitlistDeps {
  pool: pg.Pool
  clock: Clock
}

/** Who is asking: the holder of a manage link, or the programme team. */
export type WaitlistViewer = { kind: 'link'; token: string | null } | { kind: 'admin' }

export interface WaitlistPlace {
  entry: WaitlistEntryRecord
  offer: WaitlistOfferRecord | null
}

/** The entry a manage link opens, or null. */
export async function entryIdOfToken(db: Queryable, token: string | null | undefined, now: Date): Promise<string | null> {
  if (!token || !looksLikeToken(token)) return null
  return findEntryIdByTokenHash(db, hashToken(token), now)
}

/** The entry with its open offer, for its person (their link) or the programme team; 404 otherwise. */
export async function openPlace(deps: WaitlistDeps, entryId: string, viewer: WaitlistViewer): Promise<WaitlistPlace> {
  if (viewer.kind === 'link') {
    const own = await entryIdOfToken(deps.pool, viewer.token, deps.clock.now())
    if (own !== entryId) throw new NotFoundError(ENTRY_NOT_FOUND)
  }
  const entry = await findEntry(deps.pool, entryId)
  if (!entry) throw new NotFoundError(ENTRY_NOT_FOUND)
  return { entry, offer: entry.status === 'waiting' ? await findOpenOffer(deps.pool, entryId) : null }
}

/** The entry of a manage link (the pages' address), with its open offer; 404 when the link does not work. */
export async function openPlaceByToken(deps: WaitlistDeps, token: string): Promise<WaitlistPlace> {
  const entryId = await entryIdOfToken(deps.pool, token, deps.clock.now())
  if (!entryId) throw new NotFoundError(ENTRY_NOT_FOUND)
  return openPlace(deps, entryId, { kind: 'admin' })
}

/**
 * Leaves the waitlist (the person), or takes someone off it (the programme
 * team: `removed`). An open offer is withdrawn and its time goes to the next
 * person. Leaving twice is not an error.
 */
export async function leaveWaitlist(deps: WaitlistDeps, entryId: string, viewer: WaitlistViewer): Promise<WaitlistPlace> {
  await openPlace(deps, entryId, viewer)
  await inTransaction(deps.pool, async (client) => {
    const entry = await findEntry(client, entryId, { lock: true })
    if (entry?.status === 'waiting') await endEntry(client, entryId, viewer.kind === 'admin' ? 'removed' : 'left', deps.clock.now())
  })
  return openPlace(deps, entryId, { kind: 'admin' })
}

/** Changes the days, parts of the day, dates, zone and contact method of a waiting person (fields named as on the page). */
export async function changePreferences(
  deps: WaitlistDeps,
  entryId: string,
  input: PreferencesInput & { contactMethod: ContactMethod },
): Promise<void> {
  const now = deps.clock.now()
  const { problems, value } = preferenceProblems(input, (zone) => todayIn(zone, now), '')
  if (problems.length > 0) throw new ValidationError(problems)
  await updatePreferences(deps.pool, entryId, { ...value, contactMethod: input.contactMethod, now })
}
