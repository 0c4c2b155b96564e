import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Most tests wait on PostgreSQL, SMTP or Chromium, so two files at once even on two cores.
    maxWorkers: 2,
    // Autoload imports our .ts plugins itself; inlined, its imports go through Vite's TypeScript transform.
    server: { deps: { inline: ['@fastify/autoload'] } },
  },
})
