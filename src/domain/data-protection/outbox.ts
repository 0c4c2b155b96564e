import { unlink } from 'node:fs/promises'
import path from 'node:path'
import PostalMime from 'postal-mime'
import { listOutbox, readFromOutbox } from '../../repositories/outbox.js'

/**
 * The local outbox (no SMTP server: every message kept as an .eml file) holds
 * copies of emails about people. A message is about a person when it is the
 * copy of one of their deliveries (its file name carries the Message-ID's
 * digest) or when its addresses, subject, text or attachments mention them
 * (an address, a name, a phone number, a booking reference): a coach's daily
 * agenda names several candidates and belongs to no delivery of theirs.
 */

interface OutboxMatch {
  /** Message-IDs of the person's deliveries, `<digest@host>`. */
  messageIds: readonly string[]
  /** Anything that identifies them: addresses, names, phone numbers, references. Compared case-insensitively. */
  needles: readonly string[]
}

export interface OutboxCopy {
  file: string
  subject: string
  to: string
  date: string | null
  text: string
}

/** The digest part of a Message-ID as keepInOutbox puts it in the file name. */
function fileIdOf(messageId: string): string {
  return messageId.replace(/^<|@.*$/g, '').replace(/[^A-Za-z0-9-]/g, '').slice(0, 24)
}

function attachmentText(content: ArrayBuffer | Uint8Array | string): string {
  if (typeof content === 'string') return content
  return Buffer.from(content instanceof ArrayBuffer ? new Uint8Array(content) : content).toString('utf8')
}

const squash = (text: string) => text.replace(/\s+/g, ' ').toLowerCase()

/** The messages in the outbox about this person, oldest first. */
export async function findOutboxCopies(dir: string | undefined, match: OutboxMatch): Promise<OutboxCopy[]> {
  if (!dir) return []
  const fileIds = new Set(match.messageIds.map(fileIdOf).filter((id) => id.length > 0))
  const needles = [...new Set(match.needles.map((n) => squash(n.trim())).filter((n) => n.length >= 3))]
  if (fileIds.size === 0 && needles.length === 0) return []
  const copies: OutboxCopy[] = []
  for (const file of (await listOutbox(dir)).reverse()) {
    const raw = await readFromOutbox(dir, file)
    if (!raw) continue
    const parsed = await PostalMime.parse(raw)
    const byDelivery = [...fileIds].some((id) => file.endsWith(`-${id}.eml`))
    let mentions = false
    if (!byDelivery && needles.length > 0) {
      const parts = [
        raw.toString('utf8'),
        parsed.subject ?? '',
        ...(parsed.to ?? []).map((a) => `${a.name ?? ''} ${a.address ?? ''}`),
        ...(parsed.cc ?? []).map((a) => `${a.name ?? ''} ${a.address ?? ''}`),
        parsed.text ?? '',
        parsed.html ?? '',
        ...parsed.attachments.map((a) => attachmentText(a.content)),
      ]
      const haystack = squash(parts.join('\n'))
      mentions = needles.some((needle) => haystack.includes(needle))
    }
    if (!byDelivery && !mentions) continue
    copies.push({
      file,
      subject: parsed.subject ?? '',
      to: (parsed.to ?? []).map((a) => a.address ?? '').join(', '),
      date: parsed.date ?? null,
      text: parsed.text ?? '',
    })
  }
  return copies
}

/** Deletes these files from the outbox; gives how many were removed. */
export async function removeOutboxCopies(dir: string | undefined, files: readonly string[]): Promise<number> {
  if (!dir) return 0
  let removed = 0
  for (const file of files) {
    if (!/^[A-Za-z0-9._-]+\.eml$/.test(file)) continue
    try {
      await unlink(path.join(dir, file))
      removed++
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
    }
  }
  return removed
}
