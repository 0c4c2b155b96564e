/**
 * Changing a video call link, and telling the candidates whose link changed.
 * The coach's own link reaches every upcoming video conversation that has no
 * link of its own; a conversation's link reaches just that one. Each change
 * and its emails commit together.
 */
import type pg from 'pg'
import { recordStaffChange, type AuditLog, type StaffRequest } from '../audit/events.js'
import { ConflictError, NotFoundError } from '../errors.js'
import type { DomainDeps } from '../ports/index.js'
import { inTransaction } from '../../repositories/db.js'
import { findBookingVideoLinks, findCoachVideoLink, setBookingVideoLink, setCoachVideoLink, type BookingVideoLinks } from '../../repositories/video-links.js'
import { effectiveVideoLink } from './video-link.js'

/** Telling the candidates: the notifier, and the clock for when. */
type NoticeDeps = Pick<DomainDeps, 'notifier' | 'clock'>

interface VideoLinkDeps extends NoticeDeps, Pick<DomainDeps, 'pool'> {
  audit: Pick<AuditLog, 'record'>
}

class VideoLinkNotChangeableError extends ConflictError {
  constructor() {
    super('video_link_not_changeable', 'Only a video call that has not started yet can have its link changed')
  }
}

/** Inside the caller's transaction (which holds the coach's lock): returns how many candidates will be told. */
export async function changeCoachVideoLink(
  deps: NoticeDeps,
  client: pg.ClientBase,
  coachId: string,
  link: string | null,
): Promise<{ candidatesTold: number }> {
  if ((await findCoachVideoLink(client, coachId)) === link) return { candidatesTold: 0 }
  const now = deps.clock.now()
  const affected = await setCoachVideoLink(client, coachId, link, now)
  for (const booking of affected) await deps.notifier.videoLinkChanged(client, booking)
  return { candidatesTold: affected.length }
}

interface BookingVideoLinkChange {
  bookingId: string
  /** The coach asking: only their own conversations. */
  coachId: string
  by: StaffRequest
  /** This conversation's own link; null to use the coach's usual one. */
  link: string | null
}

/**
 * The conversation's links, for its own coach, when they can still be changed
 * (404 for anyone else's). Inside a transaction (`client`), the booking's row is locked.
 */
export async function openBookingVideoLinks(
  deps: Pick<VideoLinkDeps, 'pool' | 'clock'>,
  bookingId: string,
  coachId: string,
  client?: pg.ClientBase,
): Promise<BookingVideoLinks> {
  const links = await findBookingVideoLinks(client ?? deps.pool, bookingId, { lock: client !== undefined })
  if (!links || links.coachId !== coachId) throw new NotFoundError('There is no such conversation')
  if (links.status !== 'booked' || links.contactMethod !== 'video' || links.startsAt <= deps.clock.now()) throw new VideoLinkNotChangeableError()
  return links
}

export async function changeBookingVideoLink(deps: VideoLinkDeps, change: BookingVideoLinkChange): Promise<{ candidateTold: boolean }> {
  return inTransaction(deps.pool, async (client) => {
    const before = await openBookingVideoLinks(deps, change.bookingId, change.coachId, client)
    await setBookingVideoLink(client, change.bookingId, change.link, deps.clock.now())
    const changed =
      effectiveVideoLink('video', before.bookingLink, before.coachLink) !== effectiveVideoLink('video', change.link, before.coachLink)
    if (changed) await deps.notifier.videoLinkChanged(client, { id: before.bookingId, startsAt: before.startsAt })
    await recordStaffChange(deps.audit, client, change.by, {
      action: 'booking.video_link_change',
      subjectType: 'booking',
      subjectId: change.bookingId,
      details: { own_link: change.link !== null, candidate_told: changed },
    })
    return { candidateTold: changed }
  })
}
