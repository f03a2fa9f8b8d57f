/**
 * Keeping a caret in place when someone else edits the same text: a Yjs text change
 * arrives as a delta (retain, insert, delete), and each caret index is moved by what was
 * inserted or deleted before it. Text inserted exactly at the caret goes after it, so the
 * person typing keeps typing where they were.
 */

export interface TextDeltaOp {
  insert?: unknown
  retain?: number
  delete?: number
}

function insertedLength(insert: unknown): number {
  return typeof insert === 'string' ? insert.length : 1
}

export function transformIndex(delta: readonly TextDeltaOp[], index: number): number {
  let cursor = 0
  let result = index
  for (const op of delta) {
    if (cursor > index) break
    if (op.retain !== undefined) {
      cursor += op.retain
    } else if (op.insert !== undefined) {
      const length = insertedLength(op.insert)
      if (cursor < index) result += length
      // Inserted text sits before everything after `cursor` in the old text.
    } else if (op.delete !== undefined) {
      const removedBefore = Math.max(0, Math.min(op.delete, index - cursor))
      result -= removedBefore
      cursor += op.delete
    }
  }
  return Math.max(0, result)
}

export interface TextSelection {
  start: number
  end: number
}

export function transformSelection(delta: readonly TextDeltaOp[], selection: TextSelection): TextSelection {
  return { start: transformIndex(delta, selection.start), end: transformIndex(delta, selection.end) }
}

/** A single replacement: `removed` characters at `start` replaced by `inserted`. */
export interface TextEdit {
  start: number
  removed: number
  inserted: string
}

/** The smallest single edit that turns `before` into `after` (common start and end kept). */
export function diffEdit(before: string, after: string): TextEdit {
  let start = 0
  const shorter = Math.min(before.length, after.length)
  while (start < shorter && before[start] === after[start]) start++
  let end = 0
  while (end < shorter - start && before[before.length - 1 - end] === after[after.length - 1 - end]) end++
  return { start, removed: before.length - start - end, inserted: after.slice(start, after.length - end) }
}

/**
 * Moves a local edit, made against an older copy of the text, past changes that arrived
 * meanwhile (in order), so it applies where the person made it.
 */
export function rebaseEdit(edit: TextEdit, deltas: ReadonlyArray<readonly TextDeltaOp[]>): TextEdit {
  let start = edit.start
  let end = edit.start + edit.removed
  for (const delta of deltas) {
    start = transformIndex(delta, start)
    end = Math.max(start, transformIndex(delta, end))
  }
  return { start, removed: end - start, inserted: edit.inserted }
}
