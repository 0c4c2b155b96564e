// Runs `prisma generate` without Prisma's native schema engine.
// Generating the client needs only the WebAssembly schema parser bundled in the
// CLI, but the CLI still tries to download the schema engine first, which NHS
// networks (and offline machines) block. Pointing the engine path at a stand-in
// stops the download; generate never calls it.
import { spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const cli = require.resolve('prisma/build/index.js')
const env = { ...process.env }
env.PRISMA_SCHEMA_ENGINE_BINARY ??= process.platform === 'win32' ? 'C:\\Windows\\System32\\where.exe' : '/bin/false'
env.PRISMA_HIDE_UPDATE_MESSAGE = '1'
const result = spawnSync(process.execPath, [cli, 'generate', '--schema', 'prisma/schema.prisma'], { stdio: 'inherit', env })
process.exit(result.status ?? 1)
