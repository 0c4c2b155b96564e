export type { BookingIcsInput, IcsMethod } from './ics.js'
export { ICS_PRODID, bookingUid, buildBookingIcs, escapeText, foldLine, icsContentType } from './ics.js'
export { coachUid, isOurEventUid, writeBackUid } from './our-events.js'
export { coachFeed, newFeedAddress, renderCoachFeed, setFeedCandidateDetails, stopFeed } from './coach-feed.js'
