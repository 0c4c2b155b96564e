import path from 'node:path'
import fp from 'fastify-plugin'
import fastifyStatic from '@fastify/static'
import { nhsukFrontendDir } from './views.js'
import { projectPath } from '../../project-files.js'

/** nhsuk-frontend's compiled CSS and JS (`dist/nhsuk/`). */
const nhsukDistDir = path.join(nhsukFrontendDir, 'nhsuk')
/** nhsuk-frontend's favicons, icons and web manifest: `/assets/images/...`, `/assets/manifest.json`. */
const nhsukAssetsDir = path.join(nhsukDistDir, 'assets')
/** Our own small stylesheet and the script that starts nhsuk-frontend's components. */
const ownAssetsDir = projectPath('templates', 'assets')

/** The only files served from nhsuk-frontend's `dist/nhsuk/` folder, which also holds Sass and templates. */
const fromNhsukDist = new Set([
  'nhsuk-frontend.min.css',
  'nhsuk-frontend.min.css.map',
  'nhsuk-frontend.min.js',
  'nhsuk-frontend.min.js.map',
])

function sameDir(a: string, b: string): boolean {
  return path.resolve(a) === path.resolve(b)
}

/**
 * Serves the NHS design system's assets from our own origin under /assets/
 * (no CDN): the files the `nhsuk/template.njk` layout asks for by default
 * (`assetPath` is "/assets"), plus `templates/assets/`.
 *
 * One prefix, three folders, looked up in order: nhsuk-frontend's `assets/`,
 * ours, then the allow-listed files of `dist/nhsuk/`.
 */
export default fp(
  async (app) => {
    await app.register(fastifyStatic, {
      root: [nhsukAssetsDir, ownAssetsDir, nhsukDistDir],
      prefix: '/assets/',
      // Swagger UI registers @fastify/static too; neither needs reply.sendFile.
      decorateReply: false,
      index: false,
      dotfiles: 'ignore',
      maxAge: '1d',
      allowedPath: (pathName, root) => {
        if (typeof root === 'string' && sameDir(root, nhsukDistDir)) {
          return fromNhsukDist.has(pathName.replace(/^\//, ''))
        }
        return true
      },
    })
  },
  { name: 'static-assets' },
)
