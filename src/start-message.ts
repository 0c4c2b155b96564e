/**
 * What `npm start` prints once it is listening: where candidates start, where
 * staff sign in, and where emails go (the local outbox's folder, and the page
 * that shows it, when there is no SMTP server).
 */
export function startMessage(publicUrl: string, mailer: { transport: 'smtp' | 'outbox'; outboxDir?: string }): string {
  const base = publicUrl.replace(/\/+$/, '')
  const lines = [
    `Career conversations is running at ${base}`,
    `  Candidates start at:  ${base}/`,
    `  Staff sign in at:     ${base}/sign-in`,
    mailer.transport === 'outbox'
      ? `  Emails are not sent: they are kept in the local outbox, ${mailer.outboxDir ?? 'in DATA_DIR'}, and shown to admins at ${base}/admin/emails#outbox`
      : '  Emails are sent through the SMTP server in SMTP_URL',
  ]
  return lines.join('\n')
}
