import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Files share their worker's modules instead of importing the whole app afresh each: a file's import of the app cost
    // about as much as its tests (29 route and security files: 199 s isolated, 56 s shared). Safe because no test mocks a
    // module or stubs a global, and every app, pool and server is built per file and closed in its afterAll.
    isolate: false,
    // Three files at once on two cores: most tests wait on PostgreSQL, SMTP, Chromium or a service they started, and
    // with two workers the machine stood idle 14% of a run (both files waiting). `npm test`, four pairs of runs
    // alternating: three workers 215-246 s (mean 228.5), two 232-254 s (mean 242.5), about the same CPU; four workers
    // spent a sixth more CPU and were slower (docs/performance.md, session 26).
    maxWorkers: 3,
    // Autoload imports our .ts plugins itself; inlined, its imports go through Vite's TypeScript transform.
    server: { deps: { inline: ['@fastify/autoload'] } },
    // Transformed modules kept on disk (node_modules/.experimental-vitest-cache, keyed by content) for the next run:
    // two browser files' transforms took 7.7 s cold and 1.5 s warm.
    experimental: { fsModuleCache: true },
  },
})
