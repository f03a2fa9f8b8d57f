/**
 * Outgoing mail. With SMTP_URL it goes through nodemailer; without it, each message is
 * logged and written to DATA_DIR/outbox as a JSON file, so a small deployment (or a
 * test) can see exactly what would have been sent. Sending never blocks or fails the
 * request that caused it: failures are logged, and counted for the organisers' health page.
 */
import type { FastifyBaseLogger } from 'fastify'
import { randomUUID } from 'node:crypto'
import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import nodemailer from 'nodemailer'

export interface Mail {
  to: string
  subject: string
  text: string
  /** An HTML alternative to `text`. */
  html?: string
  /** Extra header lines, such as List-Unsubscribe. */
  headers?: Record<string, string>
  /** A Message-ID of the sender's choosing ('<…@…>'), so a resent mail is recognisably the same one. */
  messageId?: string
}

export interface Mailer {
  /** Queues a message and returns at once. */
  send(mail: Mail): void
  /** Hands a message over and resolves once the SMTP server (or the outbox) accepted it; rejects when it did not. */
  deliver(mail: Mail): Promise<void>
  /** Resolves when every message queued so far has been handed over. */
  idle(): Promise<void>
  /** Like idle(), but gives up after `timeoutMs` (shutdown must not hang on a mail server). */
  flush(timeoutMs: number): Promise<void>
  /** Messages this instance could not hand over since it started, and when the last one failed. */
  failures(): MailFailures
}

export interface MailFailures {
  count: number
  lastAt: Date | null
}

export interface MailerOptions {
  smtpUrl: string | null
  dataDir: string
  from: string
  log: FastifyBaseLogger
}

export function createMailer(options: MailerOptions): Mailer {
  // Bounded waits, so a silent mail server cannot hold mail (or a shutdown) for minutes.
  const transport = options.smtpUrl
    ? nodemailer.createTransport({ ...smtpOptions(options.smtpUrl), connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 })
    : null
  const outbox = path.join(options.dataDir, 'outbox')
  const pending = new Set<Promise<void>>()
  const failures: MailFailures = { count: 0, lastAt: null }

  async function deliver(mail: Mail): Promise<void> {
    try {
      await handOver(mail)
    } catch (error) {
      failures.count += 1
      failures.lastAt = new Date()
      throw error
    }
  }

  async function handOver(mail: Mail): Promise<void> {
    if (transport) {
      await transport.sendMail({ from: options.from, ...mail })
      options.log.info({ to: mail.to, subject: mail.subject }, 'mail sent')
      return
    }
    // Owner-only: messages hold confirmation and invitation links.
    await mkdir(outbox, { recursive: true, mode: 0o700 })
    const file = path.join(outbox, `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomUUID()}.json`)
    await writeFile(file, JSON.stringify({ from: options.from, ...mail }, null, 2), { mode: 0o600 })
    options.log.info({ to: mail.to, subject: mail.subject, file }, 'mail written to the outbox (no SMTP_URL)')
  }

  return {
    deliver,
    send(mail) {
      const delivery = deliver(mail)
        .catch((error: unknown) => options.log.error({ err: error, to: mail.to, subject: mail.subject }, 'mail could not be sent'))
        .finally(() => pending.delete(delivery))
      pending.add(delivery)
    },
    async idle() {
      while (pending.size > 0) await Promise.all(pending)
    },
    async flush(timeoutMs) {
      let timer: NodeJS.Timeout | undefined
      const timedOut = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)))
      await Promise.race([this.idle(), timedOut])
      clearTimeout(timer)
      if (pending.size > 0) options.log.warn({ unsent: pending.size }, 'stopped waiting for mail that has not been sent')
    },
    failures: () => ({ ...failures }),
  }
}

/** smtp(s)://user:password@host:port as nodemailer's SMTP options. */
function smtpOptions(smtpUrl: string) {
  const url = new URL(smtpUrl)
  const secure = url.protocol === 'smtps:'
  return {
    host: url.hostname,
    port: Number(url.port) || (secure ? 465 : 587),
    secure,
    ...(url.username ? { auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } } : {}),
  }
}
