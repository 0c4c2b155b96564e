import { describe, expect, it } from 'vitest'
import { ConfigError, readConfig } from '../src/config.js'

describe('configuration', () => {
  it('has working defaults for a fresh machine', () => {
    const config = readConfig({})
    expect(config).toMatchObject({
      NODE_ENV: 'development',
      PORT: 3000,
      HOST: 'localhost',
      PUBLIC_URL: 'http://localhost:3000',
      LOG_LEVEL: 'info',
      DATA_DIR: '.data',
    })
    expect(config.DATABASE_URL).toBeUndefined()
    expect(config.SMTP_URL).toBeUndefined()
    expect(config.SESSION_SECRET.length).toBeGreaterThanOrEqual(32)
  })

  it('reads and converts the environment', () => {
    const config = readConfig({ PORT: '8080', PUBLIC_URL: 'https://careers.example.nhs.uk/', LOG_LEVEL: 'warn' })
    expect(config.PORT).toBe(8080)
    expect(config.PUBLIC_URL).toBe('https://careers.example.nhs.uk')
    expect(config.LOG_LEVEL).toBe('warn')
  })

  it('treats empty settings as unset', () => {
    expect(readConfig({ DATABASE_URL: '' }).DATABASE_URL).toBeUndefined()
  })

  it('refuses values that are not valid, naming the setting', () => {
    expect(() => readConfig({ PORT: 'eighty' })).toThrow(ConfigError)
    expect(() => readConfig({ PORT: 'eighty' })).toThrow(/PORT/)
    expect(() => readConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/)
    expect(() => readConfig({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL/)
  })

  it('stops a production start that lacks its secrets, naming each one', () => {
    expect(() => readConfig({ NODE_ENV: 'production' })).toThrow(
      'Missing settings for production: DATABASE_URL, SMTP_URL, PUBLIC_URL, SESSION_SECRET',
    )
    expect(() =>
      readConfig({
        NODE_ENV: 'production',
        DATABASE_URL: 'postgres://db/cc',
        SMTP_URL: 'smtp://mail',
        PUBLIC_URL: 'https://careers.example.nhs.uk',
      }),
    ).toThrow('Missing settings for production: SESSION_SECRET')
  })

  it('accepts a complete production configuration', () => {
    const secret = 'x'.repeat(48)
    const config = readConfig({
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://db/cc',
      SMTP_URL: 'smtp://mail',
      PUBLIC_URL: 'https://careers.example.nhs.uk',
      SESSION_SECRET: secret,
    })
    expect(config.SESSION_SECRET).toBe(secret)
  })
})
