/**
 * A real SMTP server on loopback (the `smtp-server` package) that accepts every message and
 * keeps it, so the studio's real nodemailer transport can be tested end to end without the
 * internet. Each message is kept raw (`data`, as the tests have always read it) and parsed
 * by `mailparser` (subject, headers, text and HTML parts).
 */
import { simpleParser } from 'mailparser'
import { SMTPServer } from 'smtp-server'

export interface ReceivedMail {
  /** The envelope's sender and recipients. */
  from: string
  to: string[]
  /** The message as it arrived, headers and body. */
  data: string
  subject: string
  /** Header names in lower case; each value as it was written (unfolded). */
  headers: Record<string, string>
  messageId: string | null
  text: string
  html: string | null
}

export interface SmtpSink {
  url: string
  received: ReceivedMail[]
  close(): Promise<void>
}

export async function startSmtpSink(): Promise<SmtpSink> {
  const received: ReceivedMail[] = []
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (chunk: Buffer) => chunks.push(chunk))
      stream.on('error', callback)
      stream.on('end', () => {
        const data = Buffer.concat(chunks).toString('utf8')
        simpleParser(data).then((parsed) => {
          const headers: Record<string, string> = {}
          for (const line of parsed.headerLines) headers[line.key] = line.line.slice(line.line.indexOf(':') + 1).replace(/\r?\n\s+/g, ' ').trim()
          received.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((recipient) => recipient.address),
            data,
            subject: parsed.subject ?? '',
            headers,
            messageId: parsed.messageId ?? null,
            text: parsed.text ?? '',
            html: typeof parsed.html === 'string' ? parsed.html : null,
          })
          callback()
        }, callback)
      })
    },
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const { port } = server.server.address() as { port: number }
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}
