/**
 * Lines of test text written into a meeting document the way the studio writes them (each
 * a decision, through the framework's own operation), so every update a test sends keeps
 * the document's model and the server's model check lets it through.
 */
import { addDecision, readDecisions } from '@studio/framework'
import type * as Y from 'yjs'

export function writeLine(doc: Y.Doc, line: string): void {
  addDecision(doc, { text: line })
}

/** The lines in the document's order. */
export function linesOf(doc: Y.Doc): string[] {
  return readDecisions(doc).map((decision) => decision.text)
}
