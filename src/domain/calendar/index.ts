export type { BookingIcsInput, IcsMethod, IcsPerson } from './ics.js'
export { ICS_PRODID, bookingUid, buildBookingIcs, escapeText, foldLine, icsContentType } from './ics.js'
