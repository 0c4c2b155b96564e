import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Autoload imports our .ts plugins itself; inlined, its imports go through Vite's TypeScript transform.
    server: { deps: { inline: ['@fastify/autoload'] } },
  },
})
