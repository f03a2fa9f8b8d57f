/**
 * The terms of reference of a round, one passage a paragraph, as reviewers comment on them.
 * The snapshot sends the terms as Markdown; a passage shows its words with the Markdown marks
 * at its start left off, and quotes the paragraph as it stands in the snapshot (at most the
 * contract's `quoteMax` characters), since the server checks a quote is in the pinned text.
 */
import { roundRules } from '@studio/contract'

export interface TermsPassage {
  text: string
  quote: string
  heading: boolean
}

export function termsPassages(markdown: string): TermsPassage[] {
  return markdown.split(/\n{2,}/)
    .map((part) => part.trim())
    .filter((part) => part.length > 0)
    .map((part) => ({
      text: part.replace(/^#{1,6}\s+/, '').replace(/^\s*[-*+]\s+/gm, '• ').replace(/\*\*|__|\\(?=[^\s])/g, ''),
      quote: part.slice(0, roundRules.quoteMax).trim(),
      heading: /^#{1,6}\s/.test(part),
    }))
}
