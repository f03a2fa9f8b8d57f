/**
 * POST /api/import/framework?mode=replace|merge (organisers), and its preview, POST
 * /api/import/framework/preview?mode=, which answers what the import would change and
 * changes nothing. The body is a pmo-framework/v1 JSON file, the studio's CSV or its Excel
 * workbook (import-file.ts). The routes read the body themselves, whatever its declared type,
 * so every unreadable file (not JSON, not UTF-8, too large) is the same 400 with a message
 * that says what to do. Who may import is decided before the body is read, so nobody else
 * can make the studio read a large body.
 */
import {
  DocumentName, ErrorCode, frameworkImportBody, frameworkImportMaxBytes, frameworkImportPreviewPath, frameworkImportTypes, importFrameworkQuery,
  importFrameworkResponseSchema, importPreviewResponseSchema,
} from '@studio/contract'
import type { FastifyInstance, onRequestAsyncHookHandler } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { approvedMember, requireApproved } from '../accounts/authentication.ts'
import { HttpError } from '../http/errors.ts'
import { describedOnly, withErrors } from '../http/route-schemas.ts'
import { captureBeforeImport } from '../history/history-plugin.ts'
import { frameworkOf, previewFrameworkFile, readImportFile } from './import-file.ts'
import { importFrameworkFile, type FrameworkContext } from './matrix-import.ts'

const tooLargeMessage = `The file is larger than ${frameworkImportMaxBytes / 1024 / 1024} MB, far more than any framework needs. Check that it is the framework's JSON export.`

/** Decided in onRequest, before the body is read, so nobody else can make the studio read a large file. */
const organisersOnly: onRequestAsyncHookHandler = async (request) => {
  requireApproved(request, ['organiser'])
}

/** The file is read by the handlers (import-file.ts), whatever its type; the schema describes it. */
const fileBody = describedOnly<Buffer | undefined>(frameworkImportBody)
const fileTypes = [...Object.values(frameworkImportTypes), 'application/octet-stream']

export async function registerImportRoutes(app: FastifyInstance, context: FrameworkContext): Promise<void> {
  // Encapsulated: the raw-body parser and the error mapping apply to this route only.
  await app.register(async (plain) => {
    const scope = plain.withTypeProvider<ZodTypeProvider>()
    scope.removeAllContentTypeParsers()
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: frameworkImportMaxBytes }, (_request, body, done) => done(null, body))
    scope.setErrorHandler((error) => {
      // The contract answers 400 for every unreadable import; Fastify would say 413. Others go to the studio's handler.
      if ((error as { code?: string }).code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
        throw new HttpError(400, ErrorCode.fileTooLarge, tooLargeMessage, [{ field: 'body', message: tooLargeMessage }])
      }
      throw error
    })

    scope.post('/api/import/framework', {
      onRequest: organisersOnly,
      schema: { querystring: importFrameworkQuery, body: fileBody, consumes: fileTypes, response: withErrors({ 200: importFrameworkResponseSchema }) },
    }, async (request) => {
      const organiser = approvedMember(request)
      const { mode } = request.query
      const file = await readImportFile(request.body, request.headers['content-type'], app.config.publicUrl)
      // The way back from an import: a restore of the version captured just before it (history/).
      await captureBeforeImport(request.server, DocumentName.competencyMatrix)
      return { report: await importFrameworkFile(context, organiser, file.kind === 'json' ? file.framework : (doc) => frameworkOf(doc, file), mode) }
    })

    scope.post(frameworkImportPreviewPath, {
      onRequest: organisersOnly,
      schema: { querystring: importFrameworkQuery, body: fileBody, consumes: fileTypes, response: withErrors({ 200: importPreviewResponseSchema }) },
    }, async (request) => {
      const { mode } = request.query
      const file = await readImportFile(request.body, request.headers['content-type'], app.config.publicUrl)
      return { preview: await previewFrameworkFile(context, file, mode) }
    })
  })
}
