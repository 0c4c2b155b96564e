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
})

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
