/**
 * A local SMTP server that accepts everything and counts it: when each
 * message arrived and its Message-ID (read from the headers only; bodies are
 * not parsed, so the sink stays cheap while the service is measured).
 */
import type { AddressInfo } from 'node:net'
import { SMTPServer } from 'smtp-server'

export interface ReceivedMessage {
  messageId: string
  /** performance.now() when the message was accepted. */
  at: number
  to: string[]
}

export interface SmtpSink {
  url: string
  received: ReceivedMessage[]
  /** Message-ID -> how many times it arrived. */
  counts: Map<string, number>
  duplicates(): number
  close(): Promise<void>
}

function messageIdOf(raw: string): string {
  const headerEnd = raw.search(/\r?\n\r?\n/)
  const headers = (headerEnd === -1 ? raw : raw.slice(0, headerEnd)).replace(/\r?\n[ \t]+/g, ' ')
  return /^message-id:\s*(.+)$/im.exec(headers)?.[1]?.trim() ?? '(none)'
}

export async function startSmtpSink(): Promise<SmtpSink> {
  const received: ReceivedMessage[] = []
  const counts = new Map<string, number>()
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    size: 0,
    onData(stream, session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (chunk: Buffer) => chunks.push(chunk))
      stream.on('end', () => {
        // Headers are in the first few kilobytes.
        const head = Buffer.concat(chunks).subarray(0, 16_384).toString('utf8')
        const messageId = messageIdOf(head)
        received.push({ messageId, at: performance.now(), to: session.envelope.rcptTo.map((r) => r.address) })
        counts.set(messageId, (counts.get(messageId) ?? 0) + 1)
        callback()
      })
    },
  })
  server.on('error', () => undefined)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.server.address() as AddressInfo
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    counts,
    duplicates: () => [...counts.values()].reduce((sum, n) => sum + Math.max(0, n - 1), 0),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}
