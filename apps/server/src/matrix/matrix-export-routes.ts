/**
 * Downloads of the competency matrix for every approved member (JSON, CSV, Markdown,
 * Excel), and the public `pmo-framework/v1` and `/v2` JSON Schemas. JSON is v2; `?format=v1`
 * is v1 and names what it left out (contract: framework-exchange.ts). Each export reads a copy of the
 * live document, so it includes edits made a moment ago and never holds the document up,
 * and says how many malformed entries it skipped (collab/skipped-entries.ts).
 */
import {
  DocumentName, ExportVersionQuery, FrameworkCsvExportQuery, FrameworkJsonExportQuery, frameworkOmittedHeader, frameworkOmittedHeaders, frameworkSchemaPath,
  frameworkSchemaV2Path, skippedEntriesHeaders, type FrameworkExportFormat,
} from '@studio/contract'
import { descriptorsToCsv, exchangeFormat, frameworkSchema, frameworkSchemaV2, matrixToMarkdown, omittedFromV1, toExchange } from '@studio/framework'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type * as Y from 'yjs'
import { SkippedEntriesReporter } from '../collab/skipped-entries.ts'
import { approvedOnly } from '../accounts/authentication.ts'
import { download, withErrors } from '../http/route-schemas.ts'
import { readVersionOr } from '../history/version-exports.ts'
import { byteOrderMark, frameworkFile, type MatrixReader } from './framework-files.ts'
import type { FrameworkContext } from './matrix-import.ts'

const fileBaseName = 'pmo-competency-framework'

const contentTypes: Record<FrameworkExportFormat, string> = {
  json: 'application/json; charset=utf-8',
  // header=present (RFC 4180) tells tools the first line names the columns.
  csv: 'text/csv; charset=utf-8; header=present',
  md: 'text/markdown; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
}

export function registerExportRoutes(app: FastifyInstance, context: FrameworkContext): void {
  const skippedEntries = new SkippedEntriesReporter(app.log, context.serverChanges)
  // Now, or as of the version `?version=` names (history/version-exports.ts).
  const read = <T>(request: FastifyRequest<{ Querystring: ExportVersionQuery }>, reply: FastifyReply, reader: (doc: Y.Doc) => T) =>
    readVersionOr(app.history, request.query.version, DocumentName.competencyMatrix, reader, () => skippedEntries.read(reply, DocumentName.competencyMatrix, reader))
  // The same reading for the files framework-files.ts makes.
  const readerFor = (request: FastifyRequest<{ Querystring: ExportVersionQuery }>, reply: FastifyReply): MatrixReader => (from) => read(request, reply, from)
  const publicUrl = app.config.publicUrl

  const send = (reply: FastifyReply, format: FrameworkExportFormat, body: string | Buffer | Uint8Array, baseName = fileBaseName) =>
    reply
      .header('content-type', contentTypes[format])
      .header('content-disposition', `attachment; filename="${baseName}.${format}"`)
      .header('cache-control', 'private, no-store')
      .send(body)

  const exportOf = (format: FrameworkExportFormat, description: string, querystring = ExportVersionQuery, headers = {}) => ({
    preValidation: approvedOnly(),
    schema: { querystring, response: withErrors({ 200: download(contentTypes[format].split(';')[0]!, description, { ...skippedEntriesHeaders, ...headers }) }) },
  })

  app.get<{ Querystring: FrameworkJsonExportQuery }>('/api/export/framework.json', exportOf(
    'json',
    `The matrix in the pmo-framework/v2 exchange format, lossless (its JSON Schema is at ${frameworkSchemaV2Path}); ?format=v1 gives v1 (${frameworkSchemaPath}) without descriptors and references, and says in ${frameworkOmittedHeader} what it left out.`,
    FrameworkJsonExportQuery,
    frameworkOmittedHeaders,
  ), async (request, reply) => {
    if (request.query.format !== 'v1') return send(reply, 'json', (await frameworkFile('json', readerFor(request, reply), { publicUrl })).body)
    const framework = await read(request, reply, (doc) => ({ file: toExchange(doc, exchangeFormat), omitted: omittedFromV1(toExchange(doc)) }))
    reply.header(frameworkOmittedHeader, framework.omitted.length > 0 ? framework.omitted.join(', ') : 'none')
    return send(reply, 'json', `${JSON.stringify(framework.file, null, 2)}\n`)
  })

  app.get<{ Querystring: FrameworkCsvExportQuery }>('/api/export/framework.csv', exportOf(
    'csv',
    'One row per competency and role, then one per PMO type override, by name (the studio\'s import reads it back). ?part=descriptors: one row per competency and level with a descriptor (summary, indicators one per line).',
    FrameworkCsvExportQuery,
  ), async (request, reply) => {
    if (request.query.part === 'descriptors') {
      const body = byteOrderMark + (await read(request, reply, descriptorsToCsv))
      return send(reply, 'csv', body, `${fileBaseName}-descriptors`)
    }
    return send(reply, 'csv', (await frameworkFile('csv', readerFor(request, reply), { publicUrl })).body)
  })

  app.get<{ Querystring: ExportVersionQuery }>('/api/export/framework.md', exportOf('md', 'The matrix as a readable Markdown document: levels, roles, then each domain\'s competencies and tables.'), async (request, reply) => {
    return send(reply, 'md', await read(request, reply, matrixToMarkdown))
  })

  app.get<{ Querystring: ExportVersionQuery }>('/api/export/framework.xlsx', exportOf('xlsx', 'The matrix as an Excel workbook.'), async (request, reply) => {
    return send(reply, 'xlsx', (await frameworkFile('xlsx', readerFor(request, reply), { publicUrl })).body)
  })

  app.get(frameworkSchemaPath, {
    schema: { response: withErrors({ 200: download('application/schema+json', 'The JSON Schema of the pmo-framework/v1 exchange format. Public.') }) },
  }, async (request, reply) =>
    reply
      .header('content-type', 'application/schema+json; charset=utf-8')
      .header('cache-control', 'public, max-age=3600')
      .send(JSON.stringify(frameworkSchema, null, 2)),
  )

  app.get(frameworkSchemaV2Path, {
    schema: { response: withErrors({ 200: download('application/schema+json', 'The JSON Schema of the pmo-framework/v2 exchange format (v1 with descriptors and references). Public.') }) },
  }, async (request, reply) =>
    reply
      .header('content-type', 'application/schema+json; charset=utf-8')
      .header('cache-control', 'public, max-age=3600')
      .send(JSON.stringify(frameworkSchemaV2, null, 2)),
  )
}
