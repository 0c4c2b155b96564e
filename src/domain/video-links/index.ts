export { VIDEO_LINK_MAX_LENGTH, effectiveVideoLink, joiningLine, parseVideoLink, type VideoLinkResult } from './video-link.js'
export {
  VideoLinkNotChangeableError,
  changeBookingVideoLink,
  changeCoachVideoLink,
  openBookingVideoLinks,
  type VideoLinkDeps,
} from './change-video-link.js'
