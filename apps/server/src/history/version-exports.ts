/**
 * Exports of a version (issue 13, point 7): every download of a document with history takes
 * `?version=<id>` and reads that version's state instead of the document now. An unknown id
 * is 404; a version of another document is 400 (the address names the wrong version, not a
 * missing thing). The export routes call `readVersionOr` around their own reading, and each
 * declares ExportVersionQuery as its querystring, so the query is validated before it gets here.
 */
import { documentFromState } from '@studio/framework'
import type * as Y from 'yjs'
import type { History } from './history.ts'
import { versionOf } from './history-routes.ts'

/** `reader` over the version `versionId` (the export's `?version=`), or `now()` when there is none. */
export async function readVersionOr<T>(history: History, versionId: string | undefined, document: string, reader: (doc: Y.Doc) => T, now: () => Promise<T>): Promise<T> {
  if (versionId === undefined) return now()
  const version = await versionOf(history, document, versionId)
  const doc = documentFromState(version.state)
  try {
    return reader(doc)
  } finally {
    doc.destroy()
  }
}
