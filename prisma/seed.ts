import { readConfig } from '../src/config.js'
import { seedDemoData } from '../src/demo/seed-demo-data.js'
import { withDatabase } from '../src/cli/with-database.js'

// `npm run seed:demo`: demo programme, coaches and admin (idempotent).
const config = readConfig()
await withDatabase(config, (databaseUrl) =>
  seedDemoData({ databaseUrl, password: config.DEMO_PASSWORD, print: console.log }),
)
