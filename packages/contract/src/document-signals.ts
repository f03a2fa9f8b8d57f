/**
 * Signals the studio sends to everyone who has a document open (a Hocuspocus stateless
 * message on the document's socket) when something shown beside the document changed
 * outside it, so an open page reloads that part at once instead of at its next poll. A
 * signal names what changed and nothing more: the page asks the API again, which decides
 * as always what this member may read. Clients cannot send one to others: the studio
 * relays no stateless message from a client.
 */
import { z } from 'zod'

export const DocumentSignal = z.object({
  /** `proposals-changed`: a proposal on this document was made, answered, withdrawn or settled. */
  kind: z.enum(['proposals-changed']),
})
export type DocumentSignal = z.infer<typeof DocumentSignal>

export function encodeDocumentSignal(signal: DocumentSignal): string {
  return JSON.stringify(signal)
}

/** The signal a stateless payload carries, or null for anything else (another sender's message, a newer kind). */
export function parseDocumentSignal(payload: string): DocumentSignal | null {
  try {
    const parsed = DocumentSignal.safeParse(JSON.parse(payload))
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}
