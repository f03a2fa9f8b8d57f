/**
 * Which link targets a document may carry into an export, and how one is written into
 * Markdown. Anyone who can edit a document can set any `href` on a link (the editor checks,
 * a raw Yjs update does not), and an exported file is opened elsewhere, by someone who
 * trusts it: so only http(s), mailto and relative targets survive, never `javascript:`,
 * `data:`, `vbscript:`, `file:` or any other scheme.
 */
import type { JSONContent } from '@tiptap/core'

const allowedSchemes = new Set(['http', 'https', 'mailto'])

/**
 * Browsers drop ASCII tab and newline anywhere in a URL and C0 controls and spaces at its
 * ends before reading the scheme, so `java\tscript:` is `javascript:`: the check reads
 * what a browser would.
 */
function asBrowserReadsIt(url: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what a browser strips
  return url.replace(/[\t\n\r]/g, '').replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '')
}

// Markdown decodes character references in a link target (`&#106;avascript:`) and HTML in
// an attribute, so a target that holds one could spell a scheme the check never saw.
const characterReference = /&(#\d+|#x[0-9a-f]+|[a-z][a-z0-9]*);/i

/**
 * The target itself (trimmed) when it is http(s), mailto or relative (a path, `?query` or
 * `#fragment`), else null. A colon before the first `/`, `?` or `#` means a scheme: the
 * URL standard never reads such a target as relative.
 */
export function safeLinkTarget(url: unknown): string | null {
  if (typeof url !== 'string') return null
  const target = asBrowserReadsIt(url)
  // eslint-disable-next-line no-control-regex -- a control character left inside is no address
  if (characterReference.test(target) || /[\u0000-\u001f\u007f\\]/.test(target)) return null
  const scheme = /^([^/?#]*?):/.exec(target)?.[1]
  if (scheme === undefined) return url.trim()
  return allowedSchemes.has(scheme.toLowerCase()) ? url.trim() : null
}

/**
 * A safe target written as a Markdown link destination: the characters that would end it
 * or open markup (`(`, `)`, `<`, `>`, spaces, `"`) are percent-encoded, which every reader
 * of the URL takes as the same address.
 */
export function markdownLinkTarget(target: string): string {
  return target.replace(/[\s()<>"'`]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`)
}

/** A link title as Markdown writes it between double quotes: one line, quotes and backslashes escaped. */
function markdownLinkTitle(title: unknown): string | null {
  if (typeof title !== 'string' || title.trim() === '') return null
  return title.replace(/\s+/g, ' ').replace(/[\\"]/g, '\\$&')
}

/**
 * ProseMirror JSON with every link made safe to serialise as Markdown: an unsafe target
 * loses its link (the text stays), a safe one is encoded as a destination, its title escaped.
 */
export function withSafeLinks(json: JSONContent): JSONContent {
  const marks = json.marks?.flatMap((mark) => {
    if (mark.type !== 'link') return [mark]
    const target = safeLinkTarget(mark.attrs?.href)
    if (target === null) return []
    return [{ ...mark, attrs: { ...mark.attrs, href: markdownLinkTarget(target), title: markdownLinkTitle(mark.attrs?.title) } }]
  })
  return {
    ...json,
    ...(marks ? { marks } : {}),
    ...(json.content ? { content: json.content.map(withSafeLinks) } : {}),
  }
}
