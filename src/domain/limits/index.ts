export * from './rules.js'
export { createLimits, TooManyRequestsError, type LimitContext, type Limits } from './limits-service.js'
