import { defineConfig } from 'vitest/config'
import base from './vitest.config.js'

/**
 * `npm run test:quick`: the tests of the rules themselves (slots, booking
 * rules, conversation models, preparation, times, calendar files, forms,
 * CSV, email content, settings) and of the data-access layer against the
 * run's real PostgreSQL (migrations, the schema against schema.prisma,
 * placement's transactions, the change listener, the job queue's index,
 * the demo data), none of which builds the app, drives
 * a browser or waits on a clock: the loop to run after every change, in
 * seconds. `npm test` runs everything, these included.
 */
// Not mergeConfig: it would add this list to the whole suite's instead of replacing it.
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: [
      'test/domain/**/*.test.ts',
      'test/config.test.ts',
      'test/collect-when-quiet.test.ts',
      'test/availability/availability-forms.test.ts',
      'test/emails/candidate-email-content.test.ts',
      'test/emails/previews.test.ts',
      'test/invitations/csv.test.ts',
      'test/pages/booking-journey-rules.test.ts',
      'test/programmes/programme-settings.test.ts',
      'test/security/two-factor.test.ts',
      'test/database/migrations.test.ts',
      'test/database/schema-matches-database.test.ts',
      'test/database/placement-in-flight.test.ts',
      'test/database/change-listener.test.ts',
      'test/jobs/due-jobs-index.test.ts',
      'test/demo/seed-demo-data.test.ts',
    ],
  },
})
