import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import pg from 'pg'
import { demoProgramme, demoResources, demoStaff, seedDemoData } from '../../src/demo/seed-demo-data.js'
import { verifyPassword } from '../../src/domain/staff/passwords.js'
import { createTestDatabase } from '../support/database.js'

describe('demo data (npm run seed:demo)', () => {
  let url: string
  let client: pg.Client
  beforeAll(async () => {
    url = await createTestDatabase()
    client = new pg.Client({ connectionString: url })
    await client.connect()
  })
  afterAll(async () => {
    await client.end()
  })

  const counts = async () =>
    (
      await client.query(`SELECT
        (SELECT count(*)::int FROM programmes) AS programmes,
        (SELECT count(*)::int FROM staff_users) AS staff,
        (SELECT count(*)::int FROM coaches) AS coaches,
        (SELECT count(*)::int FROM availability_windows) AS windows,
        (SELECT count(*)::int FROM programme_resources) AS resources`)
    ).rows[0]

  it('creates a programme, three coaches working weekdays 9am to 5pm, an admin, and prints generated passwords once', async () => {
    const printed: string[] = []
    await seedDemoData({ databaseUrl: url, print: (line) => printed.push(line) })
    expect(await counts()).toEqual({ programmes: 1, staff: 4, coaches: 3, windows: 15, resources: demoResources.length })
    const programme = await client.query('SELECT slug, conversation_model_key, duration_minutes FROM programmes')
    expect(programme.rows[0]).toEqual({ slug: demoProgramme.slug, conversation_model_key: 'four-stage', duration_minutes: 45 })
    const windows = await client.query('SELECT DISTINCT weekday, start_minute, end_minute FROM availability_windows ORDER BY weekday')
    expect(windows.rows).toEqual([1, 2, 3, 4, 5].map((weekday) => ({ weekday, start_minute: 540, end_minute: 1020 })))
    const admin = demoStaff.find((person) => person.role === 'admin')!
    const line = printed.find((text) => text.includes(admin.email))!
    const password = line.trim().split(/\s+/).at(-1)!
    const hash = (await client.query('SELECT password_hash FROM staff_users WHERE email = $1', [admin.email])).rows[0].password_hash
    expect(await verifyPassword(hash, password)).toBe(true)
  })

  it('is safe to run again: nothing doubles and no password changes', async () => {
    const before = (await client.query('SELECT email, password_hash FROM staff_users ORDER BY email')).rows
    const printed: string[] = []
    await seedDemoData({ databaseUrl: url, print: (line) => printed.push(line) })
    expect(await counts()).toEqual({ programmes: 1, staff: 4, coaches: 3, windows: 15, resources: demoResources.length })
    expect((await client.query('SELECT email, password_hash FROM staff_users ORDER BY email')).rows).toEqual(before)
    expect(printed).toEqual([])
  })

  it('sets every demo password to DEMO_PASSWORD when given', async () => {
    await seedDemoData({ databaseUrl: url, password: 'the demo password' })
    const hashes = (await client.query('SELECT password_hash FROM staff_users')).rows
    for (const { password_hash } of hashes) expect(await verifyPassword(password_hash, 'the demo password')).toBe(true)
  })
})
