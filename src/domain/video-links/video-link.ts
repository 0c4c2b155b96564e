/**
 * A video call link: the coach's usual meeting room, or one for a single
 * conversation. Only secure (https) web addresses with a real host name are
 * kept, so what a candidate is sent opens in a browser or meeting app and
 * never carries a password.
 */
import type { ContactMethod } from '../booking/types.js'

const VIDEO_LINK_MAX_LENGTH = 500

type VideoLinkResult = { ok: true; link: string | null } | { ok: false; message: string }

const EXAMPLE = 'like https://teams.microsoft.com/l/meetup-join/…'

/** An empty answer clears the link (null); anything else must be a secure web address. */
export function parseVideoLink(text: string | undefined): VideoLinkResult {
  const raw = (text ?? '').trim()
  if (raw === '') return { ok: true, link: null }
  if (raw.length > VIDEO_LINK_MAX_LENGTH) return { ok: false, message: `Video call link must be ${VIDEO_LINK_MAX_LENGTH} characters or fewer` }
  if (/\s/.test(raw)) return { ok: false, message: `Video call link must not contain spaces, ${EXAMPLE}` }
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return { ok: false, message: `Enter a video call link in the correct format, ${EXAMPLE}` }
  }
  if (url.protocol === 'http:') return { ok: false, message: 'Video call link must start with https:// (a secure link)' }
  if (url.protocol !== 'https:') return { ok: false, message: `Enter a video call link that starts with https://, ${EXAMPLE}` }
  if (url.username !== '' || url.password !== '') return { ok: false, message: 'Video call link must not contain a user name or password' }
  if (!/^[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(url.hostname) || /^[\d.]+$/.test(url.hostname)) {
    return { ok: false, message: `Enter a video call link in the correct format, ${EXAMPLE}` }
  }
  // The parser's own spelling: a lower-case scheme and host, unsafe characters escaped.
  if (url.href.length > VIDEO_LINK_MAX_LENGTH) return { ok: false, message: `Video call link must be ${VIDEO_LINK_MAX_LENGTH} characters or fewer` }
  return { ok: true, link: url.href }
}

/** The link a candidate is given: the conversation's own, else the coach's; none for a phone call. */
export function effectiveVideoLink(
  contactMethod: ContactMethod,
  bookingLink: string | null,
  coachLink: string | null,
): string | null {
  return contactMethod === 'video' ? (bookingLink ?? coachLink) : null
}

/**
 * A video call whose coach has not added a link yet: what happens, up to the
 * start time. The coach is reminded the day before (the morning agenda) to
 * add one, and told to phone a candidate who gave a number if they cannot.
 */
export function linkToComeText(coachFirstName: string, phone: string | null): string {
  const first = `${coachFirstName} will email you a link to join before the call.`
  return phone
    ? `${first} If you have not had it by the start time, ${coachFirstName} will phone you on ${phone} instead`
    : `${first} If you have not had it by the start time, check your junk or spam folder, then open your booking: the link will be there as soon as ${coachFirstName} adds it`
}

/** What the candidate is told about joining: "Alex will phone you on 07700 900123", "By video", … */
export function joiningLine(booking: { contactMethod: ContactMethod; videoLink: string | null; coachFirstName: string; phone: string | null }): string {
  if (booking.contactMethod === 'phone') return `${booking.coachFirstName} will phone you on ${booking.phone ?? 'the number you gave'}`
  return booking.videoLink ? 'By video' : `By video: ${linkToComeText(booking.coachFirstName, booking.phone)}`
}
