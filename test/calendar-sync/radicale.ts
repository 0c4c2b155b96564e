import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { freePort } from '../support/free-port.js'

/**
 * A real CalDAV server for the tests: Radicale (Debian's package; .ci/run
 * installs it) on a free port, with its own storage in a new folder and
 * htpasswd sign-in for one user. `calendarUrl` is a calendar made for them.
 */
export interface Radicale {
  url: string
  username: string
  password: string
  calendarUrl: string
  /** Requests as the user (Basic auth), for setting up events and reading back what was written. */
  request(url: string, init?: RequestInit): Promise<Response>
  close(): Promise<void>
}

const RADICALE = process.env.RADICALE_PATH ?? '/usr/bin/radicale'

export async function startRadicale(): Promise<Radicale> {
  const folder = await mkdtemp(path.join(tmpdir(), 'cc-radicale-'))
  const port = await freePort()
  const username = 'jo.coach'
  const password = 'app-password-7f3k'
  await writeFile(path.join(folder, 'users'), `${username}:${password}\n`)
  await writeFile(
    path.join(folder, 'config'),
    [
      '[server]',
      `hosts = 127.0.0.1:${port}`,
      '[auth]',
      'type = htpasswd',
      `htpasswd_filename = ${path.join(folder, 'users')}`,
      'htpasswd_encryption = plain',
      'delay = 0',
      '[storage]',
      `filesystem_folder = ${path.join(folder, 'collections')}`,
      '[rights]',
      'type = owner_only',
      '[logging]',
      'level = warning',
      '',
    ].join('\n'),
  )
  const child: ChildProcess = spawn(RADICALE, ['--config', path.join(folder, 'config')], { stdio: ['ignore', 'ignore', 'pipe'] })
  let output = ''
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const url = `http://127.0.0.1:${port}`
  const authorization = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`
  const request = (target: string, init: RequestInit = {}) =>
    fetch(new URL(target, url), { ...init, headers: { authorization, ...(init.headers as Record<string, string>) } })

  // Up when it answers; a server that exits is a failure with its own words.
  const deadline = performance.now() + 15_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Radicale stopped: ${output}`)
    try {
      const response = await request('/', { method: 'PROPFIND', headers: { depth: '0' } })
      await response.body?.cancel()
      if (response.status < 500) break
    } catch {
      // not listening yet
    }
    if (performance.now() > deadline) throw new Error(`Radicale did not start: ${output}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  const calendarUrl = `${url}/${username}/work/`
  const made = await request(calendarUrl, {
    method: 'MKCALENDAR',
    headers: { 'content-type': 'application/xml' },
    body:
      '<?xml version="1.0" encoding="utf-8"?><C:mkcalendar xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:set><D:prop>' +
      '<D:displayname>Work</D:displayname><C:supported-calendar-component-set><C:comp name="VEVENT"/></C:supported-calendar-component-set>' +
      '</D:prop></D:set></C:mkcalendar>',
  })
  if (made.status !== 201) throw new Error(`MKCALENDAR answered ${made.status}: ${await made.text()}`)
  return {
    url,
    username,
    password,
    calendarUrl,
    request,
    async close() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve))
        child.kill('SIGTERM')
        await exited
      }
      await rm(folder, { recursive: true, force: true })
    },
  }
}
