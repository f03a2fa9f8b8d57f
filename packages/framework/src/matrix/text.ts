/**
 * Replacing a shared text with a new value by its smallest edit: the common start and end
 * stay, only the middle is deleted and inserted. Two people changing different parts of
 * a name or a note at the same moment therefore both keep their change.
 */
import type * as Y from 'yjs'

export function replaceText(text: Y.Text, value: string): void {
  const current = text.toString()
  if (current === value) return
  let start = 0
  const shorter = Math.min(current.length, value.length)
  while (start < shorter && current[start] === value[start]) start++
  // Never split a surrogate pair: an emoji is one character to the people typing it.
  if (start > 0 && isHighSurrogate(current.charCodeAt(start - 1))) start--
  let end = 0
  while (end < shorter - start && current[current.length - 1 - end] === value[value.length - 1 - end]) end++
  if (end > 0 && isLowSurrogate(current.charCodeAt(current.length - end))) end--
  const deleted = current.length - start - end
  const inserted = value.slice(start, value.length - end)
  // One transaction, so nobody ever sees (or logs) the text with the old part gone and the new one missing.
  const edit = () => {
    if (deleted > 0) text.delete(start, deleted)
    if (inserted) text.insert(start, inserted)
  }
  if (text.doc) text.doc.transact(edit)
  else edit()
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff
