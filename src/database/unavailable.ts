/**
 * Errors that mean the database cannot serve us just now, through no fault
 * of the request: it is unreachable, restarting, refusing connections, out of
 * resources, or a statement ran past its timeout. The service answers them
 * with 503 and Retry-After (plugins/app/error-handler.ts), never 500: trying
 * again in a little while is the right thing to do.
 */

/** SQLSTATE classes and codes of such errors. */
const UNAVAILABLE_CLASSES = ['08', '53', '57P', '58'] // connection, resources, operator intervention, system
const UNAVAILABLE_CODES = new Set([
  '57014', // query_canceled: a statement timeout
  '55000', // object_not_in_prerequisite_state: "database is not currently accepting connections"
  '40P01', // deadlock_detected, still losing after the retries
  '40001', // serialization_failure, likewise
  '25P03', // idle_in_transaction_session_timeout
])
/** Node's own errors for a peer that does not answer. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH'])
/** pg and pg-pool say these in words only. */
const UNAVAILABLE_MESSAGES = [
  'timeout exceeded when trying to connect',
  'Connection terminated',
  'connection timeout',
  'Client has encountered a connection error',
  'Query read timeout',
]

export function isDatabaseUnavailable(error: unknown): boolean {
  return causes(error).some((cause) => {
    const { code, message } = cause as { code?: unknown; message?: unknown }
    if (typeof code === 'string') {
      if (UNAVAILABLE_CODES.has(code) || NETWORK_CODES.has(code)) return true
      if (/^[0-9A-Z]{5}$/.test(code) && UNAVAILABLE_CLASSES.some((prefix) => code.startsWith(prefix))) return true
    }
    return typeof message === 'string' && UNAVAILABLE_MESSAGES.some((words) => message.includes(words))
  })
}

/**
 * The error and what it wraps: `cause`, and Prisma's driver adapter error
 * (`meta.driverAdapterError.cause`, which carries PostgreSQL's own code).
 */
function causes(error: unknown): object[] {
  const found: object[] = []
  let next: unknown = error
  for (let depth = 0; depth < 5 && typeof next === 'object' && next !== null; depth++) {
    found.push(next)
    const wrapped = next as { cause?: unknown; meta?: { driverAdapterError?: { cause?: unknown } } }
    next = wrapped.meta?.driverAdapterError?.cause ?? wrapped.cause
  }
  return found
}

/** Seconds a client is asked to wait before trying again. */
export const RETRY_AFTER_SECONDS = 30
