import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'

/**
 * The local outbox, a folder of files: with no SMTP server configured, every message is kept as
 * an .eml file (what an SMTP server would have received) so nothing is lost
 * in development and admins can read each one.
 */

const SAFE_NAME = /^[A-Za-z0-9._-]+\.eml$/

export function outboxDir(dataDir: string): string {
  return path.resolve(dataDir, 'mail')
}

export async function keepInOutbox(dir: string, raw: Buffer, stamp: Date, messageId: string): Promise<string> {
  await mkdir(dir, { recursive: true })
  const id = messageId.replace(/^<|@.*$/g, '').replace(/[^A-Za-z0-9-]/g, '').slice(0, 24)
  const fileName = `${stamp.toISOString().replace(/[:.]/g, '-')}-${id}.eml`
  await writeFile(path.join(dir, fileName), raw)
  return fileName
}

/** Newest first. */
export async function listOutbox(dir: string): Promise<string[]> {
  const names = await readdir(dir).catch(() => [] as string[])
  return names.filter((name) => SAFE_NAME.test(name)).sort().reverse()
}

/** The raw message, or undefined for a name that is not in the outbox. */
export async function readFromOutbox(dir: string, fileName: string): Promise<Buffer | undefined> {
  if (!SAFE_NAME.test(fileName)) return undefined
  return readFile(path.join(dir, fileName)).catch(() => undefined)
}
