import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Most tests wait on PostgreSQL, SMTP or Chromium rather than the CPU: more files at once than cores.
    maxWorkers: 4,
    // Autoload imports our .ts plugins itself; inlined, its imports go through Vite's TypeScript transform.
    server: { deps: { inline: ['@fastify/autoload'] } },
  },
})
