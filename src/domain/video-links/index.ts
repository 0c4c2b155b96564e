export { effectiveVideoLink, joiningLine, parseVideoLink } from './video-link.js'
export { changeBookingVideoLink, changeCoachVideoLink, openBookingVideoLinks } from './change-video-link.js'
