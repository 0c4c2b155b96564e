import { defineConfig } from 'vitest/config'

// Temporary: runs the slot tests without the database global setup. Deleted when done.
export default defineConfig({
  test: { include: ['test/domain/slots/**/*.test.ts'], root: '/work/main' },
})
