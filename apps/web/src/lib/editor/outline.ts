/**
 * A document's outline: its headings, nested by level, for the navigation beside an editor.
 * A heading that skips levels (a level 3 straight under a level 1) nests under the nearest
 * heading above it, so nothing is lost and the nesting never jumps.
 */
export interface OutlineHeading {
  /** The stored level, 1 to 6. */
  level: number
  text: string
  /** Position of the heading node in the editor's document. */
  pos: number
}

export interface OutlineEntry extends OutlineHeading {
  children: OutlineEntry[]
}

export const untitledHeading = 'Untitled heading'

export function nestHeadings(headings: readonly OutlineHeading[]): OutlineEntry[] {
  const roots: OutlineEntry[] = []
  const open: OutlineEntry[] = []
  for (const heading of headings) {
    const entry: OutlineEntry = { ...heading, text: heading.text.trim() || untitledHeading, children: [] }
    while (open.length > 0 && (open.at(-1)?.level ?? 0) >= entry.level) open.pop()
    const parent = open.at(-1)
    if (parent) parent.children.push(entry)
    else roots.push(entry)
    open.push(entry)
  }
  return roots
}

/** True when two outlines would render the same, so a keystroke in a paragraph re-renders nothing. */
export function sameHeadings(a: readonly OutlineHeading[], b: readonly OutlineHeading[]): boolean {
  return a.length === b.length && a.every((heading, index) => {
    const other = b[index]
    return other !== undefined && other.level === heading.level && other.text === heading.text && other.pos === heading.pos
  })
}
