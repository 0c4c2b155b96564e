import { createServer } from 'node:net'

/**
 * A TCP port on 127.0.0.1 that nothing listens on right now, and that no other test file running at the same time
 * will be given.
 *
 * Not the kernel's choice (listen on port 0): that comes from the ephemeral range (32768-60999 on Linux), the same
 * range the kernel takes local ports from for every outgoing connection, and two test workers can be handed the same
 * port one after the other. A server started seconds later on such a port (the embedded database's first start,
 * demo data) may then find it taken, or, worse, a test may talk to another file's server on it. Instead each test
 * worker has a block of its own below that range (VITEST_POOL_ID, 1 to maxWorkers; 0 outside a worker: the run's
 * global setup, the benchmarks), and hands out each port once, checking that it is free.
 */
const FIRST_PORT = 20_000
const BLOCK = 2_000

let handedOut = Math.floor(Math.random() * BLOCK)

export async function freePort(): Promise<number> {
  const base = FIRST_PORT + Number(process.env.VITEST_POOL_ID ?? 0) * BLOCK
  for (let tries = 0; tries < BLOCK; tries++) {
    const port = base + (handedOut++ % BLOCK)
    if (await isFree(port)) return port
  }
  throw new Error(`No free port between ${base} and ${base + BLOCK - 1}`)
}

function isFree(port: number): Promise<boolean> {
  const server = createServer()
  return new Promise((resolve) => {
    server.once('error', () => resolve(false))
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)))
  })
}
