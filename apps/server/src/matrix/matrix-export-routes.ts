/**
 * Downloads of the competency matrix for every approved member (JSON, CSV, Markdown,
 * Excel), and the public `pmo-framework/v1` JSON Schema. Each export reads a copy of the
 * live document, so it includes edits made a moment ago and never holds the document up,
 * and says how many malformed entries it skipped (collab/skipped-entries.ts).
 */
import { DocumentName, ExportVersionQuery, frameworkSchemaPath, skippedEntriesHeaders, type FrameworkExportFormat } from '@studio/contract'
import { frameworkSchema, matrixToCsv, matrixToMarkdown, toExchange } from '@studio/framework'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type * as Y from 'yjs'
import { SkippedEntriesReporter } from '../collab/skipped-entries.ts'
import { approvedOnly } from '../accounts/authentication.ts'
import { download, withErrors } from '../http/route-schemas.ts'
import { readVersionOr } from '../history/version-exports.ts'
import type { FrameworkContext } from './matrix-import.ts'
import { readWorkbookData, writeWorkbook } from './xlsx-export.ts'

const fileBaseName = 'pmo-competency-framework'

const contentTypes: Record<FrameworkExportFormat, string> = {
  json: 'application/json; charset=utf-8',
  // header=present (RFC 4180) tells tools the first line names the columns.
  csv: 'text/csv; charset=utf-8; header=present',
  md: 'text/markdown; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
}

/** Excel reads a CSV without a byte order mark in the machine's legacy code page and garbles accents. */
const byteOrderMark = '\uFEFF'

export function registerExportRoutes(app: FastifyInstance, context: FrameworkContext): void {
  const skippedEntries = new SkippedEntriesReporter(app.log, context.serverChanges)
  // Now, or as of the version `?version=` names (history/version-exports.ts).
  const read = <T>(request: FastifyRequest<{ Querystring: ExportVersionQuery }>, reply: FastifyReply, reader: (doc: Y.Doc) => T) =>
    readVersionOr(app.history, request.query.version, DocumentName.competencyMatrix, reader, () => skippedEntries.read(reply, DocumentName.competencyMatrix, reader))

  const send = (reply: FastifyReply, format: FrameworkExportFormat, body: string | Buffer) =>
    reply
      .header('content-type', contentTypes[format])
      .header('content-disposition', `attachment; filename="${fileBaseName}.${format}"`)
      .header('cache-control', 'private, no-store')
      .send(body)

  const exportOf = (format: FrameworkExportFormat, description: string) => ({
    preValidation: approvedOnly(),
    schema: { querystring: ExportVersionQuery, response: withErrors({ 200: download(contentTypes[format].split(';')[0]!, description, skippedEntriesHeaders) }) },
  })

  app.get<{ Querystring: ExportVersionQuery }>('/api/export/framework.json', exportOf('json', `The matrix in the pmo-framework/v1 exchange format, lossless (its JSON Schema is at ${frameworkSchemaPath}).`), async (request, reply) => {
    // Indented like the starter framework, so two exports can be compared line by line.
    return send(reply, 'json', `${JSON.stringify(await read(request, reply, toExchange), null, 2)}\n`)
  })

  app.get<{ Querystring: ExportVersionQuery }>('/api/export/framework.csv', exportOf('csv', 'One row per competency and role, then one per PMO type override, by name (the studio\'s import reads it back).'), async (request, reply) => {
    return send(reply, 'csv', byteOrderMark + (await read(request, reply, matrixToCsv)))
  })

  app.get<{ Querystring: ExportVersionQuery }>('/api/export/framework.md', exportOf('md', 'The matrix as a readable Markdown document: levels, roles, then each domain\'s competencies and tables.'), async (request, reply) => {
    return send(reply, 'md', await read(request, reply, matrixToMarkdown))
  })

  app.get<{ Querystring: ExportVersionQuery }>('/api/export/framework.xlsx', exportOf('xlsx', 'The matrix as an Excel workbook.'), async (request, reply) => {
    return send(reply, 'xlsx', await writeWorkbook(await read(request, reply, readWorkbookData)))
  })

  app.get(frameworkSchemaPath, {
    schema: { response: withErrors({ 200: download('application/schema+json', 'The JSON Schema of the pmo-framework/v1 exchange format. Public.') }) },
  }, async (request, reply) =>
    reply
      .header('content-type', 'application/schema+json; charset=utf-8')
      .header('cache-control', 'public, max-age=3600')
      .send(JSON.stringify(frameworkSchema, null, 2)),
  )
}
