/**
 * How text exports leave the server: always as downloads, never rendered in the studio's
 * origin. HTML carries `Content-Security-Policy: sandbox`, so even a page opened from the
 * download runs no script and has no access to the studio's cookies or storage.
 */
import type { FastifyReply } from 'fastify'

/** Headers every export shares: a download with a file name, never cached by a shared cache. */
export function downloadHeaders(reply: FastifyReply, contentType: string, fileName: string): FastifyReply {
  const safeName = fileName.replace(/[^A-Za-z0-9._-]/g, '-')
  return reply
    .header('content-type', contentType)
    .header('content-disposition', `attachment; filename="${safeName}"`)
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-store')
}

export function sendMarkdownDownload(reply: FastifyReply, fileName: string, markdown: string): FastifyReply {
  return downloadHeaders(reply, 'text/markdown; charset=utf-8', fileName).send(markdown)
}

export function sendHtmlDownload(reply: FastifyReply, fileName: string, html: string): FastifyReply {
  return downloadHeaders(reply, 'text/html; charset=utf-8', fileName).header('content-security-policy', 'sandbox').send(html)
}
