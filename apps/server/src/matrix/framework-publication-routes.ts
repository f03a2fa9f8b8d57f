/**
 * The framework published for people and tools outside the studio, for every approved
 * member: a 1EdTech CASE 1.0 package (framework.case.json), a standalone HTML page
 * (framework.html, sent with Content-Security-Policy: sandbox like every HTML export) and a
 * Word document (framework.docx). Each is made by framework-files.ts from the live matrix,
 * or from the version `?version=` names (history/version-exports.ts); a release's public
 * downloads (releases/) are made the same way from the release's version.
 * The CASE package's URIs are the studio's address and `/api/case/v1p0/...`; the studio
 * does not serve those paths (yet): they name the items, they do not resolve.
 */
import { DocumentName, ExportVersionQuery, skippedEntriesHeaders, type FrameworkFileFormat } from '@studio/contract'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type * as Y from 'yjs'
import { approvedOnly } from '../accounts/authentication.ts'
import { SkippedEntriesReporter } from '../collab/skipped-entries.ts'
import { download, withErrors } from '../http/route-schemas.ts'
import { downloadHeaders } from '../http/text-downloads.ts'
import { readVersionOr } from '../history/version-exports.ts'
import { frameworkContentTypes, frameworkFile } from './framework-files.ts'
import type { FrameworkContext } from './matrix-import.ts'

export const publicationPaths = {
  case: '/api/export/framework.case.json',
  html: '/api/export/framework.html',
  docx: '/api/export/framework.docx',
} as const

export function registerPublicationRoutes(app: FastifyInstance, context: FrameworkContext): void {
  const skippedEntries = new SkippedEntriesReporter(app.log, context.serverChanges)
  const publicUrl = app.config.publicUrl
  const publication = (format: FrameworkFileFormat, description: string) => ({
    preValidation: approvedOnly(),
    schema: { querystring: ExportVersionQuery, response: withErrors({ 200: download(frameworkContentTypes[format].split(';')[0]!, description, skippedEntriesHeaders) }) },
  })
  const send = async (format: FrameworkFileFormat, request: FastifyRequest<{ Querystring: ExportVersionQuery }>, reply: FastifyReply) => {
    const read = <T>(reader: (doc: Y.Doc) => T) =>
      readVersionOr(app.history, request.query.version, DocumentName.competencyMatrix, reader, () => skippedEntries.read(reply, DocumentName.competencyMatrix, reader))
    const file = await frameworkFile(format, read, { publicUrl })
    downloadHeaders(reply, file.contentType, file.fileName)
    if (file.sandboxed) reply.header('content-security-policy', 'sandbox')
    return reply.send(file.body)
  }

  app.get<{ Querystring: ExportVersionQuery }>(publicationPaths.case, publication('case.json',
    'The framework as a 1EdTech CASE 1.0 CFPackage: the CFDocument, CFItems for domains and competencies (humanCodingScheme D2.C3, UUID v5 identifiers that survive renames and releases), isChildOf associations, references as exactMatchOf/isRelatedTo, and one CFRubric per role whose criterion levels carry the scale and the descriptors. The studio\'s import reads it back.'),
  (request, reply) => send('case.json', request, reply))

  app.get<{ Querystring: ExportVersionQuery }>(publicationPaths.html, publication('html',
    'The framework as a standalone, accessible and printable HTML page: contents, the scale, each domain and competency with its descriptors, indicators, references and a table of expected levels per role and PMO type (sent with Content-Security-Policy: sandbox).'),
  (request, reply) => send('html', request, reply))

  app.get<{ Querystring: ExportVersionQuery }>(publicationPaths.docx, publication('docx',
    'The framework as a Word document with the structure of the HTML page: Word headings (the navigation pane lists domains and competencies), descriptors with their indicators as lists, and a table of expected levels per competency.'),
  (request, reply) => send('docx', request, reply))
}
