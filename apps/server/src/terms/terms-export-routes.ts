/**
 * The terms of reference as Markdown and as an HTML page, for every approved member. Both
 * read a copy of the live document, so they include edits made a moment ago, and say how
 * many malformed entries they skipped (skipped-entries.ts).
 */
import { DocumentName } from '@studio/contract'
import { richTextField, textDocumentToHtml, yDocToMarkdown } from '@studio/framework'
import type { FastifyInstance, FastifyReply } from 'fastify'
import type * as Y from 'yjs'
import type { ServerChanges } from '../collab/server-changes.ts'
import { requireApproved } from '../accounts/authentication.ts'
import { SkippedEntriesReporter } from '../collab/skipped-entries.ts'
import { sendHtmlDownload, sendMarkdownDownload } from '../http/text-downloads.ts'

export function registerTermsExportRoutes(app: FastifyInstance, context: { serverChanges: ServerChanges }): void {
  const fileName = 'terms-of-reference'
  const skippedEntries = new SkippedEntriesReporter(app.log, context.serverChanges)
  const read = <T>(reply: FastifyReply, reader: (doc: Y.Doc) => T) => skippedEntries.read(reply, DocumentName.termsOfReference, reader)

  app.get('/api/export/terms-of-reference.md', async (request, reply) => {
    requireApproved(request)
    return sendMarkdownDownload(reply, `${fileName}.md`, await read(reply, (doc) => yDocToMarkdown(doc)))
  })

  app.get('/api/export/terms-of-reference.html', async (request, reply) => {
    requireApproved(request)
    return sendHtmlDownload(reply, `${fileName}.html`, await read(reply, (doc) => textDocumentToHtml(doc, richTextField)))
  })
}
