import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

// Temporary: runs the pure domain tests without the database globalSetup.
export default defineConfig({
  root: fileURLToPath(new URL('../../..', import.meta.url)),
  test: { include: ['test/domain/**/*.test.ts'] },
})
