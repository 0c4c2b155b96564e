import { isIP } from 'node:net'
import { envSchema } from 'env-schema'
import { Type, type Static } from 'typebox'

export const configSchema = Type.Object({
  NODE_ENV: Type.Union([Type.Literal('development'), Type.Literal('test'), Type.Literal('production')], {
    default: 'development',
  }),
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 3000 }),
  HOST: Type.String({ default: 'localhost' }),
  PUBLIC_URL: Type.Optional(Type.String({ pattern: '^https?://' })),
  DATABASE_URL: Type.Optional(Type.String({ pattern: '^postgres(ql)?://' })),
  EMBEDDED_POSTGRES_PORT: Type.Integer({ minimum: 1, maximum: 65535, default: 5488 }),
  DATA_DIR: Type.String({ default: '.data' }),
  SMTP_URL: Type.Optional(Type.String({ pattern: '^smtps?://' })),
  MAIL_FROM: Type.String({ default: 'Career conversations <no-reply@career-conversations.localhost>' }),
  MAIL_REPLY_TO: Type.Optional(Type.String()),
  /** The longest a client may take to send a whole request, headers and body (slow senders are cut off, 408). */
  REQUEST_TIMEOUT_MS: Type.Integer({ minimum: 1000, maximum: 600_000, default: 30_000 }),
  /** The longest a client may take to send a request's headers (at most REQUEST_TIMEOUT_MS). */
  HEADERS_TIMEOUT_MS: Type.Integer({ minimum: 1000, maximum: 600_000, default: 10_000 }),
  /** How long an idle keep-alive connection stays open; keep it above the load balancer's idle timeout (60 s on most). */
  KEEP_ALIVE_TIMEOUT_MS: Type.Integer({ minimum: 1000, maximum: 600_000, default: 72_000 }),
  /** A connection with no traffic either way for this long is closed. */
  CONNECTION_TIMEOUT_MS: Type.Integer({ minimum: 1000, maximum: 3_600_000, default: 120_000 }),
  SESSION_SECRET: Type.Optional(Type.String({ minLength: 32 })),
  LOG_LEVEL: Type.Union(
    [
      Type.Literal('fatal'),
      Type.Literal('error'),
      Type.Literal('warn'),
      Type.Literal('info'),
      Type.Literal('debug'),
      Type.Literal('trace'),
      Type.Literal('silent'),
    ],
    { default: 'info' },
  ),
  DEMO_PASSWORD: Type.Optional(Type.String({ minLength: 12 })),
  /**
   * Which proxies' X-Forwarded-For to believe: unset (the default) believes
   * none, so the client's address is the connection's. A hop count ("1"), or
   * addresses and CIDR ranges separated by commas ("10.0.0.0/8, 127.0.0.1").
   */
  TRUST_PROXY: Type.Optional(Type.String({ maxLength: 2000 })),
  /**
   * "1": webhooks may go to private, loopback and link-local addresses. Off
   * in production unless set; on in development and tests.
   */
  WEBHOOKS_ALLOW_PRIVATE: Type.Optional(Type.Union([Type.Literal('0'), Type.Literal('1')])),
  /** How long a webhook endpoint may take to answer one delivery before it counts as failed. */
  WEBHOOK_TIMEOUT_MS: Type.Integer({ minimum: 100, maximum: 60_000, default: 10_000 }),
  /**
   * "1": coaches' calendars (subscription addresses, CalDAV servers) may be on
   * private, loopback and link-local addresses, e.g. a trust's own server. Off
   * in production unless set; on in development and tests.
   */
  CALENDARS_ALLOW_PRIVATE: Type.Optional(Type.Union([Type.Literal('0'), Type.Literal('1')])),
  /** How long a coach's calendar server may take to answer one request. */
  CALENDAR_TIMEOUT_MS: Type.Integer({ minimum: 100, maximum: 60_000, default: 15_000 }),
  /** How often each connected calendar is read again, in minutes (a failing one waits longer each time). */
  CALENDAR_SYNC_MINUTES: Type.Integer({ minimum: 1, maximum: 1440, default: 5 }),
  /**
   * How many jobs (mostly emails) the worker runs at once, and so the SMTP connections it keeps open. Each job waits
   * mostly on the relay: raise it for a relay far away (at 100 ms a message, 4 send about 40 a second). Every one
   * also takes its turn on the process and the database: on two cores with a local relay, 4 sent 292-334 emails a
   * second and let 164-177 bookings a second through while sending, against 321-374 and 144 with 8
   * (docs/performance.md).
   */
  JOBS_AT_ONCE: Type.Integer({ minimum: 1, maximum: 64, default: 4 }),
  ...limitSettings(),
})

/** The abuse limits (src/domain/limits/rules.ts), each a setting with its default. */
function limitSettings() {
  const limit = (defaultValue: number) => Type.Integer({ minimum: 1, maximum: 1_000_000, default: defaultValue })
  return {
    /** Live holds one client address may have on a programme without an invitation. */
    LIMIT_LIVE_HOLDS_PER_ADDRESS: limit(10),
    /** Bookings made without an invitation from one client address in an hour. */
    LIMIT_BOOKINGS_PER_ADDRESS_PER_HOUR: limit(20),
    /** Booking emails (confirmations, "you already have a booking") to one email address in a day. */
    LIMIT_BOOKING_EMAILS_PER_EMAIL_PER_DAY: limit(3),
    /** Codes sent to one email address in an hour. */
    LIMIT_EMAIL_CODES_PER_EMAIL_PER_HOUR: limit(3),
    /** Codes asked for from one client address in an hour. */
    LIMIT_EMAIL_CODES_PER_ADDRESS_PER_HOUR: limit(30),
    /** Changes (moves, cancellations) to one booking through its manage link in a day. */
    LIMIT_CHANGES_PER_BOOKING_PER_DAY: limit(10),
    /** Anonymous requests that hold, book, change, cancel or send an email, from one client address in a minute. */
    LIMIT_ANONYMOUS_WRITES_PER_ADDRESS_PER_MINUTE: limit(300),
    /** Sign-in and password-reset requests from one client address in a minute (each costs an argon2 hash). */
    LIMIT_SIGN_IN_REQUESTS_PER_ADDRESS_PER_MINUTE: limit(60),
    /** "Get a new link" requests for one email address in an hour. */
    LIMIT_NEW_LINKS_PER_EMAIL_PER_HOUR: limit(3),
    /** "Get a new link" requests from one client address in an hour. */
    LIMIT_NEW_LINKS_PER_ADDRESS_PER_HOUR: limit(20),
  }
}

type RawConfig = Static<typeof configSchema>

export type Config = Omit<RawConfig, 'PUBLIC_URL' | 'SESSION_SECRET'> & {
  PUBLIC_URL: string
  SESSION_SECRET: string
}

/** Settings that production cannot run without: a fallback would be unsafe or lose mail. */
const requiredInProduction = ['DATABASE_URL', 'SMTP_URL', 'PUBLIC_URL', 'SESSION_SECRET'] as const

/** Only for development and tests: sessions signed with it are not secret. */
const DEVELOPMENT_SESSION_SECRET = 'development-only-session-secret-not-for-production'

export class ConfigError extends Error {
  override name = 'ConfigError'
}

/** Reads and validates the configuration once, at boot. */
export function readConfig(source: NodeJS.ProcessEnv | Record<string, string | undefined> = process.env): Config {
  const data = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== undefined && value !== ''))
  let raw: RawConfig
  try {
    raw = envSchema<RawConfig>({ schema: configSchema, data, dotenv: false, env: false })
  } catch (error) {
    throw new ConfigError(`Invalid configuration: ${(error as Error).message}`)
  }
  const proxyProblem = raw.TRUST_PROXY === undefined ? null : trustProxyProblem(raw.TRUST_PROXY)
  if (proxyProblem) throw new ConfigError(`Invalid configuration: TRUST_PROXY ${proxyProblem}`)
  if (raw.NODE_ENV === 'production') {
    const missing = requiredInProduction.filter((name) => raw[name] === undefined)
    if (missing.length > 0) {
      throw new ConfigError(`Missing settings for production: ${missing.join(', ')}`)
    }
  }
  return {
    ...raw,
    PUBLIC_URL: (raw.PUBLIC_URL ?? `http://localhost:${raw.PORT}`).replace(/\/$/, ''),
    SESSION_SECRET: raw.SESSION_SECRET ?? DEVELOPMENT_SESSION_SECRET,
  }
}

/**
 * What Fastify's `trustProxy` is given for TRUST_PROXY: false when unset, a
 * hop count, or the list of trusted addresses and ranges.
 */
export function trustProxyOption(setting: string | undefined): false | string[] | ((address: string, hop: number) => boolean) {
  const parsed = parseTrustProxy(setting)
  // A hop count trusts the nearest `hops` proxies, whatever their addresses (proxy-addr's hop index starts at 0).
  return typeof parsed === 'number' ? (_address: string, hop: number) => hop < parsed : parsed
}

function parseTrustProxy(setting: string | undefined): false | number | string[] {
  if (setting === undefined || setting.trim() === '') return false
  if (/^\s*\d+\s*$/.test(setting)) return Number(setting)
  return setting.split(',').map((part) => part.trim()).filter((part) => part !== '')
}

const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal'])

function trustProxyProblem(setting: string): string | null {
  const option = parseTrustProxy(setting)
  if (typeof option === 'number') return option >= 1 && option <= 10 ? null : 'must be a hop count from 1 to 10, or addresses'
  for (const entry of option || []) {
    if (PROXY_NAMES.has(entry)) continue
    const [address, prefix, ...rest] = entry.split('/')
    const version = isIP(address ?? '')
    const maxPrefix = version === 4 ? 32 : 128
    const prefixOk = prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= maxPrefix)
    if (version === 0 || !prefixOk || rest.length > 0) return `has "${entry}", which is not an IP address or CIDR range`
  }
  return null
}
