import { it } from 'vitest'
import { writeFileSync } from 'node:fs'
import { seedDemoData } from '../../src/demo/seed-demo-data.js'
import { buildTestApp } from '../helper.js'
import { cookieHeader } from '../support/staff.js'
it('dumps', async () => {
  const t = await buildTestApp()
  await seedDemoData({ databaseUrl: t.databaseUrl })
  let cookie = ''
  const get = async (url: string) => { const r = await t.app.inject({ url, headers: { cookie } }); cookie = cookieHeader(r, cookie); return r }
  const r1 = await get('/book/vaccinators/day')
  writeFileSync('/tmp/day.html', r1.body)
  const csrf = /name="_csrf" value="([^"]+)"/.exec(r1.body)![1]!
  const r2 = await t.app.inject({ method: 'POST', url: '/book/vaccinators/day', payload: `_csrf=${encodeURIComponent(csrf)}`, headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' } })
  writeFileSync('/tmp/day-error.html', r2.body)
  await t.app.close()
})
