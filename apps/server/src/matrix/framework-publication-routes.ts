/**
 * The framework published for people and tools outside the studio, for every approved
 * member: a 1EdTech CASE 1.0 package (framework.case.json), a standalone HTML page
 * (framework.html, sent with Content-Security-Policy: sandbox like every HTML export) and a
 * Word document (framework.docx). Each is a pure function of the exchange framework read
 * from the live matrix, or from the version `?version=` names (history/version-exports.ts).
 * The CASE package's URIs are the studio's address and `/api/case/v1p0/...`; the studio
 * does not serve those paths (yet): they name the items, they do not resolve.
 */
import { DocumentName, ExportVersionQuery, skippedEntriesHeaders } from '@studio/contract'
import { toExchange, type ExchangeFramework } from '@studio/framework'
import { frameworkToDocx, frameworkToHtml, toCasePackage } from '@studio/framework/publication'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type * as Y from 'yjs'
import { approvedOnly } from '../accounts/authentication.ts'
import { SkippedEntriesReporter } from '../collab/skipped-entries.ts'
import { download, withErrors } from '../http/route-schemas.ts'
import { downloadHeaders, sendHtmlDownload } from '../http/text-downloads.ts'
import { readVersionOr } from '../history/version-exports.ts'
import type { FrameworkContext } from './matrix-import.ts'

const fileBaseName = 'pmo-competency-framework'

export const publicationPaths = {
  case: '/api/export/framework.case.json',
  html: '/api/export/framework.html',
  docx: '/api/export/framework.docx',
} as const

const docxType = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'

/** Who promulgates the framework, as CASE requires one: the working group at the studio's address. */
export function caseCreator(publicUrl: string): string {
  return `The working group at ${new URL(publicUrl).host}`
}

export function registerPublicationRoutes(app: FastifyInstance, context: FrameworkContext): void {
  const skippedEntries = new SkippedEntriesReporter(app.log, context.serverChanges)
  const publicUrl = app.config.publicUrl
  const readFramework = (request: FastifyRequest<{ Querystring: ExportVersionQuery }>, reply: FastifyReply): Promise<ExchangeFramework> => {
    const reader = (doc: Y.Doc) => toExchange(doc)
    return readVersionOr(app.history, request.query.version, DocumentName.competencyMatrix, reader, () => skippedEntries.read(reply, DocumentName.competencyMatrix, reader))
  }
  const publication = (contentType: string, description: string) => ({
    preValidation: approvedOnly(),
    schema: { querystring: ExportVersionQuery, response: withErrors({ 200: download(contentType, description, skippedEntriesHeaders) }) },
  })

  app.get<{ Querystring: ExportVersionQuery }>(publicationPaths.case, publication('application/json',
    'The framework as a 1EdTech CASE 1.0 CFPackage: the CFDocument, CFItems for domains and competencies (humanCodingScheme D2.C3, UUID v5 identifiers that survive renames and releases), isChildOf associations, references as exactMatchOf/isRelatedTo, and one CFRubric per role whose criterion levels carry the scale and the descriptors. The studio\'s import reads it back.'),
  async (request, reply) => {
    const casePackage = toCasePackage(await readFramework(request, reply), {
      publicUrl, creator: caseCreator(publicUrl), lastChangeDateTime: new Date().toISOString(),
    })
    return downloadHeaders(reply, 'application/json; charset=utf-8', `${fileBaseName}.case.json`).send(`${JSON.stringify(casePackage, null, 2)}\n`)
  })

  app.get<{ Querystring: ExportVersionQuery }>(publicationPaths.html, publication('text/html',
    'The framework as a standalone, accessible and printable HTML page: contents, the scale, each domain and competency with its descriptors, indicators, references and a table of expected levels per role and PMO type (sent with Content-Security-Policy: sandbox).'),
  async (request, reply) => {
    const html = frameworkToHtml(await readFramework(request, reply), { generatedOn: new Date().toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }) })
    return sendHtmlDownload(reply, `${fileBaseName}.html`, html)
  })

  app.get<{ Querystring: ExportVersionQuery }>(publicationPaths.docx, publication(docxType,
    'The framework as a Word document with the structure of the HTML page: Word headings (the navigation pane lists domains and competencies), descriptors with their indicators as lists, and a table of expected levels per competency.'),
  async (request, reply) => {
    const docx = await frameworkToDocx(await readFramework(request, reply))
    return downloadHeaders(reply, docxType, `${fileBaseName}.docx`).send(docx)
  })
}
