import { SMTPServer } from 'smtp-server'
import PostalMime, { type Email } from 'postal-mime'
import type { AddressInfo } from 'node:net'

/**
 * A real SMTP server on loopback that keeps what it receives, parsed back
 * with postal-mime. `refuse()` makes it answer 421 (try again later), as a
 * mail relay does when it is down; `accept()` brings it back.
 */
export interface TestSmtp {
  url: string
  received: ReceivedEmail[]
  refuse(): void
  accept(): void
  close(): Promise<void>
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedEmail[]>
}

export interface ReceivedEmail {
  envelopeTo: string[]
  raw: string
  parsed: Email
}

export async function startTestSmtp(): Promise<TestSmtp> {
  const received: ReceivedEmail[] = []
  let refusing = false
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onMailFrom(_address, _session, callback) {
      if (refusing) {
        const error = new Error('Service not available, try again later') as Error & { responseCode: number }
        error.responseCode = 421
        return callback(error)
      }
      callback()
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (chunk: Buffer) => chunks.push(chunk))
      stream.on('end', async () => {
        const raw = Buffer.concat(chunks).toString('utf8')
        const parsed = await PostalMime.parse(raw)
        received.push({ envelopeTo: session.envelope.rcptTo.map((r) => r.address), raw, parsed })
        callback()
      })
    },
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.server.address() as AddressInfo
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    refuse: () => (refusing = true),
    accept: () => (refusing = false),
    close: () => new Promise((resolve) => server.close(() => resolve())),
    async waitFor(count, timeoutMs = 15_000) {
      const deadline = performance.now() + timeoutMs
      while (received.length < count) {
        if (performance.now() > deadline) throw new Error(`expected ${count} emails, received ${received.length}`)
        await new Promise((resolve) => setTimeout(resolve, 25))
      }
      return received
    },
  }
}
