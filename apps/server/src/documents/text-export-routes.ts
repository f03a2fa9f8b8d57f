/**
 * The terms of reference as Markdown and as an HTML page, for every approved member. Both
 * read a copy of the live document, so they include edits made a moment ago.
 */
import { DocumentName } from '@studio/contract'
import { richTextField, textDocumentToHtml, yDocToMarkdown } from '@studio/framework'
import type { FastifyInstance } from 'fastify'
import type * as Y from 'yjs'
import type { ServerChanges } from '../collab/server-changes.ts'
import { requireApproved } from '../http/authentication.ts'
import { sendHtmlDownload, sendMarkdownDownload } from './text-downloads.ts'

export function registerTextExportRoutes(app: FastifyInstance, context: { serverChanges: ServerChanges }): void {
  const fileName = 'terms-of-reference'
  const read = <T>(reader: (doc: Y.Doc) => T) => context.serverChanges.read(DocumentName.termsOfReference, reader)

  app.get('/api/export/terms-of-reference.md', async (request, reply) => {
    requireApproved(request)
    return sendMarkdownDownload(reply, `${fileName}.md`, await read((doc) => yDocToMarkdown(doc)))
  })

  app.get('/api/export/terms-of-reference.html', async (request, reply) => {
    requireApproved(request)
    return sendHtmlDownload(reply, `${fileName}.html`, await read((doc) => textDocumentToHtml(doc, richTextField)))
  })
}
