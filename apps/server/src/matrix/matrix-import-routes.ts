/**
 * POST /api/import/framework?mode=replace|merge (organisers). The route reads the body
 * itself, whatever its declared type, so every unreadable file (not JSON, not UTF-8, too
 * large) is the same 400 with a message that says what to do. Who may import is decided
 * before the body is read, so nobody else can make the studio read a large body.
 */
import { ErrorCode, frameworkImportMaxBytes, importFrameworkQuery, type ImportFrameworkResponse } from '@studio/contract'
import type { FastifyInstance } from 'fastify'
import { requireApproved } from '../accounts/authentication.ts'
import { HttpError, parseWith } from '../http/errors.ts'
import { checkFramework, importFrameworkFile, readFrameworkFile, type FrameworkContext } from './matrix-import.ts'

const tooLargeMessage = `The file is larger than ${frameworkImportMaxBytes / 1024 / 1024} MB, far more than any framework needs. Check that it is the framework's JSON export.`

export async function registerImportRoutes(app: FastifyInstance, context: FrameworkContext): Promise<void> {
  // Encapsulated: the raw-body parser and the error mapping apply to this route only.
  await app.register(async (scope) => {
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
      onRequest: async (request) => {
        requireApproved(request, ['organiser'])
      },
    }, async (request): Promise<ImportFrameworkResponse> => {
      const organiser = requireApproved(request, ['organiser'])
      const { mode } = parseWith(importFrameworkQuery, request.query)
      const framework = checkFramework(readFrameworkFile(request.body as Buffer | undefined))
      return { report: await importFrameworkFile(context, organiser, framework, mode) }
    })
  })
}
