/**
 * Exports of a version (issue 13, point 7): every download of a document with history takes
 * `?version=<id>` and reads that version's state instead of the document now. An unknown id
 * is 404; a version of another document is 400 (the address names the wrong version, not a
 * missing thing). The export routes call `readVersionOr` around their own reading.
 */
import { ExportVersionQuery } from '@studio/contract'
import { documentFromState } from '@studio/framework'
import type { FastifyRequest } from 'fastify'
import type * as Y from 'yjs'
import { parseWith } from '../http/errors.ts'
import { versionOf } from './history-routes.ts'

/** `reader` over the version the request names in `?version=`, or `now()` when it names none. */
export async function readVersionOr<T>(request: FastifyRequest, document: string, reader: (doc: Y.Doc) => T, now: () => Promise<T>): Promise<T> {
  const { version: id } = parseWith(ExportVersionQuery, request.query ?? {})
  if (id === undefined) return now()
  const version = await versionOf(request.server.history, document, id)
  const doc = documentFromState(version.state)
  try {
    return reader(doc)
  } finally {
    doc.destroy()
  }
}
