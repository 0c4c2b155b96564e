import { constants } from 'node:zlib'
import fp from 'fastify-plugin'
import compress from '@fastify/compress'

/**
 * Answers compressed for clients that ask (`Accept-Encoding`): a follow-up
 * review page is about 160 KB of HTML and 15 KB compressed, so staff on a
 * slow ward network wait less, and the service spends less of its thread
 * writing to the socket (measured in docs/performance.md).
 *
 * At the lowest settings, and in one go on the event loop: Brotli at quality 1
 * packs that page to 17 KB in 0.18 ms (quality 4, the plugin's default, to
 * 15 KB in 0.78 ms), gzip at level 1 to 20 KB in 0.4 ms (level 6: 16.5 KB in
 * 1 ms). The plugin's streamed path, for answers over 8 KB on 2 cores, cost
 * the review page more than the whole compression (its chunks each cross to
 * the thread pool and back, and each is a write of its own): the page's
 * throughput under load fell by 40%. So answers up to 512 KB are compressed
 * at once (at most about 0.6 ms); bigger ones, and streams (exports, files),
 * still go through the thread pool.
 *
 * BREACH (guessing a secret in a compressed page from its size, with
 * attacker-chosen text reflected beside it) needs the victim's browser to
 * send many requests the attacker starts from another site. Those arrive
 * with `Sec-Fetch-Site: cross-site` (or `same-site`), and they get their
 * answer uncompressed; the staff session cookie is SameSite=Lax besides, and
 * each page's CSRF token is salted afresh.
 *
 * Request bodies are never decompressed: a small gzip body could unpack to
 * far more than the body limits allow for.
 *
 * Brotli, gzip and deflate only, in that order. On Node 22.15 and later the
 * plugin would offer zstd first to a browser that asks for it (Chromium
 * does), at zstd's default level: `zlibOptions.level` is gzip's and does not
 * reach it. So the encodings are named, and a page leaves the same way
 * whichever Node runs the service.
 */
const CROSS_SITE = new Set(['cross-site', 'same-site'])

export default fp(
  async (app) => {
    app.addHook('onRequest', async (request) => {
      const site = request.headers['sec-fetch-site']
      if (typeof site === 'string' && CROSS_SITE.has(site)) delete request.headers['accept-encoding']
    })
    await app.register(compress, {
      globalDecompression: false,
      encodings: ['br', 'gzip', 'deflate'],
      syncThreshold: 512 * 1024,
      brotliOptions: { params: { [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT, [constants.BROTLI_PARAM_QUALITY]: 1 } },
      zlibOptions: { level: 1 },
    })
  },
  { name: 'compress' },
)
