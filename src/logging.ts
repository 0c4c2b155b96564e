import type { FastifyServerOptions } from 'fastify'
import pino from 'pino'
import type { Config } from './config.js'

/**
 * Logs never carry personal data or secrets:
 *
 * - fields that may hold a name, email address, phone number, free text about
 *   a person or a token are censored wherever they appear (`redactPaths`);
 * - tokens in URLs (manage links, reset links) are masked and query strings
 *   dropped before a URL is logged (`safeUrl`);
 * - text that is logged anyway (messages, error messages and stacks, other
 *   string fields) has email addresses, phone numbers and link tokens masked
 *   (`scrubText`): an SMTP server quotes the address it refused, and a job's
 *   failure message carries that text;
 * - errors lose PostgreSQL's `detail`, which quotes the values of the row at
 *   fault ("Key (email)=(jo@example.com) already exists").
 *
 * test/logging-journey.test.ts runs a whole journey at debug level and
 * searches its logs for the candidate's details.
 */

const sensitiveKeys = [
  'name',
  'firstName',
  'lastName',
  'fullName',
  'candidateName',
  'email',
  'candidateEmail',
  'recipient',
  'phone',
  'candidatePhone',
  'address',
  'accessibilityNeeds',
  'answers',
  'reason',
  'cancellationReason',
  'note',
  'comment',
  'password',
  'token',
  'manageToken',
  'manageUrl',
  'holdKey',
  'invitation',
  'totpCode',
  'to',
  'cc',
  'bcc',
]

export const redactPaths = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-manage-token"]',
  'res.headers["set-cookie"]',
  ...sensitiveKeys,
  ...sensitiveKeys.map((key) => `*.${key}`),
  ...sensitiveKeys.map((key) => `*.*.${key}`),
]

const tokenInPath = /\/(manage|reset|invitations|sign-in\/link|accounts\/activate)\/[^/?#\s"']+/gi

/** Masks link tokens and drops the query string, which may carry an email address. */
export function safeUrl(url: string): string {
  const [path = ''] = url.split('?')
  const masked = path.replace(tokenInPath, (_match, segment: string) => `/${segment}/[redacted]`)
  return url.includes('?') ? `${masked}?[redacted]` : masked
}

const EMAIL_ADDRESS = /[^\s@<>()[\]"',;:]+@[^\s@<>()[\]"',;:]+\.[^\s@<>()[\]"',;:]+/g
/** UK numbers as people write them: 07700 900123, 07700900123, +44 7700 900123, (01632) 960 001. */
const PHONE_NUMBER = /(?<![\w-])(?:\+44\s?\(?0?\)?\s?|\(?0)\d{2,4}\)?[\s-]?\d{3,4}[\s-]?\d{3,4}(?![\w-])/g
const BEARER = /\b(Bearer)\s+[A-Za-z0-9._~+/=-]+/gi

/** Masks email addresses, phone numbers, bearer tokens and link tokens in free text. */
export function scrubText(text: string): string {
  return text
    .replace(EMAIL_ADDRESS, '[email]')
    .replace(BEARER, '$1 [redacted]')
    .replace(tokenInPath, (_match, segment: string) => `/${segment}/[redacted]`)
    .replace(PHONE_NUMBER, '[phone]')
}

/** Scrubs every string in a log record (a few levels deep; records are small), errors included. */
function scrubValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrubText(value)
  if (depth > 6 || value === null || typeof value !== 'object') return value
  if (Array.isArray(value)) return value.map((item) => scrubValue(item, depth + 1))
  if (value instanceof Error) {
    // pino's error serializer, without PostgreSQL's `detail` (the row's values).
    const { detail: _detail, ...serialized } = pino.stdSerializers.err(value) as unknown as Record<string, unknown>
    return scrubValue(serialized, depth + 1)
  }
  // Plain objects only: anything else as it is.
  const prototype = Object.getPrototypeOf(value) as unknown
  if (prototype !== Object.prototype && prototype !== null) return value
  const out: Record<string, unknown> = {}
  for (const [key, item] of Object.entries(value)) out[key] = scrubValue(item, depth + 1)
  return out
}

/** An error as logs show it: pino's serializer, less PostgreSQL's `detail`, its text scrubbed (nested errors too). */
function serializeError(error: Error): SerializedError {
  return scrubValue(error) as SerializedError
}

type SerializedError = { type: string; message: string; stack: string; [key: string]: unknown }

export function loggerOptions(config: Pick<Config, 'LOG_LEVEL' | 'NODE_ENV'>): FastifyServerOptions['logger'] {
  return {
    level: config.LOG_LEVEL,
    // Readable lines for a person at a terminal; JSON lines everywhere else.
    ...(config.NODE_ENV === 'development' && process.stdout.isTTY
      ? { transport: { target: 'pino-pretty', options: { ignore: 'pid,hostname', translateTime: 'HH:MM:ss' } } }
      : {}),
    redact: { paths: redactPaths, censor: '[redacted]' },
    hooks: {
      // The message and any interpolated strings.
      logMethod(args, method) {
        const scrubbed = args.map((arg) => (typeof arg === 'string' ? scrubText(arg) : arg)) as Parameters<typeof method>
        return method.apply(this, scrubbed)
      },
    },
    formatters: {
      // Every other string in the record (redaction of known keys happens as well).
      log: (record) => scrubValue(record) as Record<string, unknown>,
    },
    serializers: {
      req(request) {
        return {
          method: request.method,
          url: safeUrl(request.url),
          remoteAddress: request.ip,
        }
      },
      err: serializeError,
      error: (value: unknown) => (value instanceof Error ? serializeError(value) : scrubValue(value)),
    },
  }
}
