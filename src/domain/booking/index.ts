/**
 * Booking: references, secret links, coach choice, rules (pure), and the
 * service that books, moves and cancels (./service, through src/repositories).
 */
export * from './types.js'
export * from './errors.js'
export * from './rules.js'
export * from './reference.js'
export * from './tokens.js'
export * from './manage-link.js'
export * from './coach-choice.js'
export * from './holds.js'
export * from './idempotency.js'
export * from './service/index.js'
