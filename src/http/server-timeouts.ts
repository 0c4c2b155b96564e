import type { FastifyServerOptions } from 'fastify'
import type { Config } from '../config.js'

/**
 * Timeouts for the HTTP server, so a peer that sends slowly or not at all
 * cannot hold a connection (and its memory) open for ever:
 *
 * - the whole request, headers and body, within REQUEST_TIMEOUT_MS, and the
 *   headers alone within HEADERS_TIMEOUT_MS: Node answers 408 and closes;
 * - an idle keep-alive connection closed after KEEP_ALIVE_TIMEOUT_MS (above
 *   a load balancer's own idle timeout, so the balancer never reuses a
 *   connection we are closing);
 * - any connection silent both ways for CONNECTION_TIMEOUT_MS closed.
 *
 * Node checks the request and header timeouts on a timer (every 30 s by
 * default); it runs every second here, so a slow sender is cut off within a
 * second of its limit.
 */
export const TIMEOUT_CHECK_INTERVAL_MS = 1000

export function serverTimeouts(config: Config): Pick<FastifyServerOptions, 'requestTimeout' | 'connectionTimeout' | 'keepAliveTimeout'> {
  const options = {
    requestTimeout: config.REQUEST_TIMEOUT_MS,
    connectionTimeout: config.CONNECTION_TIMEOUT_MS,
    keepAliveTimeout: config.KEEP_ALIVE_TIMEOUT_MS,
    // Passed by Fastify to http.createServer (not in its types).
    http: {
      headersTimeout: Math.min(config.HEADERS_TIMEOUT_MS, config.REQUEST_TIMEOUT_MS),
      connectionsCheckingInterval: TIMEOUT_CHECK_INTERVAL_MS,
    },
  }
  return options
}
