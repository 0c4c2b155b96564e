import type { FastifyServerOptions } from 'fastify'
import type { Config } from './config.js'

/**
 * Logs never carry personal data or secrets: fields that may hold a name,
 * email, phone number or token are censored wherever they appear, and tokens
 * in URLs (manage links, reset links) are masked before the URL is logged.
 */

const sensitiveKeys = [
  'name',
  'firstName',
  'lastName',
  'fullName',
  'email',
  'phone',
  'password',
  'token',
  'manageToken',
  'manageUrl',
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

const tokenInPath = /\/(manage|reset|invitations|sign-in\/link|accounts\/activate)\/[^/?#]+/gi

/** Masks link tokens and drops the query string, which may carry an email address. */
export function safeUrl(url: string): string {
  const [path = ''] = url.split('?')
  const masked = path.replace(tokenInPath, (_match, segment: string) => `/${segment}/[redacted]`)
  return url.includes('?') ? `${masked}?[redacted]` : masked
}

export function loggerOptions(config: Pick<Config, 'LOG_LEVEL' | 'NODE_ENV'>): FastifyServerOptions['logger'] {
  return {
    level: config.LOG_LEVEL,
    // Readable lines for a person at a terminal; JSON lines everywhere else.
    ...(config.NODE_ENV === 'development' && process.stdout.isTTY
      ? { transport: { target: 'pino-pretty', options: { ignore: 'pid,hostname', translateTime: 'HH:MM:ss' } } }
      : {}),
    redact: { paths: redactPaths, censor: '[redacted]' },
    serializers: {
      req(request) {
        return {
          method: request.method,
          url: safeUrl(request.url),
          remoteAddress: request.ip,
        }
      },
    },
  }
}
