/**
 * Where a document's exports are downloaded: the path without its extension, to which the
 * links add .md or .html. They are plain links, answered as attachments by the server.
 */
export const termsOfReferenceExportBase = '/api/export/terms-of-reference'

export function meetingExportBase(meetingId: string): string {
  return `/api/export/meetings/${encodeURIComponent(meetingId)}`
}
