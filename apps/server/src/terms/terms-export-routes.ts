/**
 * The terms of reference as Markdown and as an HTML page, for every approved member. Both
 * read a copy of the live document, so they include edits made a moment ago, and say how
 * many malformed entries they skipped (skipped-entries.ts). Mentions read "@" and the
 * member's current name (approved members), else the name written at the time.
 */
import { DocumentName, ExportVersionQuery, skippedEntriesHeaders } from '@studio/contract'
import { richTextField, textDocumentToHtml, yDocToMarkdown } from '@studio/framework'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type * as Y from 'yjs'
import type { ServerChanges } from '../collab/server-changes.ts'
import { approvedOnly } from '../accounts/authentication.ts'
import { SkippedEntriesReporter } from '../collab/skipped-entries.ts'
import { download, withErrors } from '../http/route-schemas.ts'
import { readVersionOr } from '../history/version-exports.ts'
import { sendHtmlDownload, sendMarkdownDownload } from '../http/text-downloads.ts'

export function registerTermsExportRoutes(app: FastifyInstance, context: { serverChanges: ServerChanges }): void {
  const fileName = 'terms-of-reference'
  const skippedEntries = new SkippedEntriesReporter(app.log, context.serverChanges)
  // Now, or as of the version `?version=` names (history/version-exports.ts).
  const read = <T>(request: FastifyRequest<{ Querystring: ExportVersionQuery }>, reply: FastifyReply, reader: (doc: Y.Doc) => T) =>
    readVersionOr(app.history, request.query.version, DocumentName.termsOfReference, reader, () => skippedEntries.read(reply, DocumentName.termsOfReference, reader))

  const people = () => app.store.db.selectFrom('members').select(['id', 'name']).where('status', '=', 'approved').execute()

  const termsDownload = (contentType: string, description: string) => ({
    preValidation: approvedOnly(),
    schema: { querystring: ExportVersionQuery, response: withErrors({ 200: download(contentType, description, skippedEntriesHeaders) }) },
  })

  app.get<{ Querystring: ExportVersionQuery }>('/api/export/terms-of-reference.md', termsDownload('text/markdown', 'The terms of reference as Markdown.'), async (request, reply) => {
    const names = new Map((await people()).map((person) => [person.id, person.name]))
    return sendMarkdownDownload(reply, `${fileName}.md`, await read(request, reply, (doc) => yDocToMarkdown(doc, richTextField, names)))
  })

  app.get<{ Querystring: ExportVersionQuery }>('/api/export/terms-of-reference.html', termsDownload('text/html', 'The terms of reference as an HTML page (sent with Content-Security-Policy: sandbox).'), async (request, reply) => {
    const named = await people()
    return sendHtmlDownload(reply, `${fileName}.html`, await read(request, reply, (doc) => textDocumentToHtml(doc, richTextField, { people: named })))
  })
}
