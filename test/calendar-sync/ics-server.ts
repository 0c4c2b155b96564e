import { createServer, type Server } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'

/** What one path answers: a status and body, after `delayMs` (a slow server). */
export interface Served {
  status?: number
  body?: string
  contentType?: string
  delayMs?: number
}

/**
 * A local HTTP server serving calendar files, as Outlook, Google or Apple
 * publish them, each path answering as the test sets it (`files`); unknown
 * paths are 404. `requests` counts what was asked of it.
 */
export interface IcsServer {
  url: string
  files: Map<string, Served>
  requests: string[]
  close(): Promise<void>
}

export async function startIcsServer(): Promise<IcsServer> {
  const files = new Map<string, Served>()
  const requests: string[] = []
  const sockets = new Set<Socket>()
  const timers = new Set<NodeJS.Timeout>()
  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname
    requests.push(path)
    const served = files.get(path) ?? { status: 404, body: 'Not found', contentType: 'text/plain' }
    const answer = () => {
      response.writeHead(served.status ?? 200, { 'content-type': served.contentType ?? 'text/calendar; charset=utf-8' })
      response.end(served.body ?? '')
    }
    if (served.delayMs) {
      const timer = setTimeout(answer, served.delayMs)
      timers.add(timer)
    } else answer()
  })
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    files,
    requests,
    async close() {
      for (const timer of timers) clearTimeout(timer)
      for (const socket of sockets) socket.destroy()
      await new Promise((resolve) => server.close(resolve))
    },
  }
}
