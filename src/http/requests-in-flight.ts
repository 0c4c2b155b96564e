import type { Server } from 'node:http'

/**
 * How many HTTP requests the server is answering now: counted from the
 * server's own 'request' event to its response's 'close', which Node emits
 * once for every response, sent or cut off. (Requests injected without a
 * server, as tests do, are not counted.)
 */
export function countRequestsInFlight(server: Server): () => number {
  let inFlight = 0
  server.on('request', (_request, response) => {
    inFlight++
    response.once('close', () => inFlight--)
  })
  return () => inFlight
}
