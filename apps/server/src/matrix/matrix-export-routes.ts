/**
 * Downloads of the competency matrix for every approved member (JSON, CSV, Markdown,
 * Excel), and the public `pmo-framework/v1` JSON Schema. Each export reads a copy of the
 * live document, so it includes edits made a moment ago and never holds the document up,
 * and says how many malformed entries it skipped (collab/skipped-entries.ts).
 */
import { DocumentName, frameworkSchemaPath, type FrameworkExportFormat } from '@studio/contract'
import { frameworkSchema, matrixToCsv, matrixToMarkdown, toExchange } from '@studio/framework'
import type { FastifyInstance, FastifyReply } from 'fastify'
import type * as Y from 'yjs'
import { SkippedEntriesReporter } from '../collab/skipped-entries.ts'
import { requireApproved } from '../accounts/authentication.ts'
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
  const read = <T>(reply: FastifyReply, reader: (doc: Y.Doc) => T) => skippedEntries.read(reply, DocumentName.competencyMatrix, reader)

  const download = (reply: FastifyReply, format: FrameworkExportFormat, body: string | Buffer) =>
    reply
      .header('content-type', contentTypes[format])
      .header('content-disposition', `attachment; filename="${fileBaseName}.${format}"`)
      .header('cache-control', 'private, no-store')
      .send(body)

  app.get('/api/export/framework.json', async (request, reply) => {
    requireApproved(request)
    // Indented like the starter framework, so two exports can be compared line by line.
    return download(reply, 'json', `${JSON.stringify(await read(reply, toExchange), null, 2)}\n`)
  })

  app.get('/api/export/framework.csv', async (request, reply) => {
    requireApproved(request)
    return download(reply, 'csv', byteOrderMark + (await read(reply, matrixToCsv)))
  })

  app.get('/api/export/framework.md', async (request, reply) => {
    requireApproved(request)
    return download(reply, 'md', await read(reply, matrixToMarkdown))
  })

  app.get('/api/export/framework.xlsx', async (request, reply) => {
    requireApproved(request)
    return download(reply, 'xlsx', await writeWorkbook(await read(reply, readWorkbookData)))
  })

  app.get(frameworkSchemaPath, async (_request, reply) =>
    reply
      .header('content-type', 'application/schema+json; charset=utf-8')
      .header('cache-control', 'public, max-age=3600')
      .send(JSON.stringify(frameworkSchema, null, 2)),
  )
}
