/**
 * The competency matrix's model (matrix/schema.ts): the maps a writer may touch, what each
 * key holds, and the levels an expectation may name: a rank the scale defines, or null.
 * A cell's note is a top-level plain text named `note:<cell key>`.
 */
import { anyKey, fields, flag, keyedBy, plainText, text, value, wholeNumber, type ContainerShape, type DocumentModel } from './shape.ts'

/** A level's rank as a map key: a whole number written plainly ("3", not "03" or "3.0"). */
export const isRankKey = (key: string): boolean => /^-?\d{1,9}$/.test(key) && String(Number(key)) === key

/** `<competencyId>|<roleId>` or `<competencyId>|<roleId>|<pmoTypeId>`, no part empty. */
export const isCellKey = (key: string): boolean => {
  if (!anyKey(key)) return false
  const parts = key.split('|')
  return (parts.length === 2 || parts.length === 3) && parts.every((part) => part.length > 0)
}

const entity = (extra: Record<string, typeof text> = {}) =>
  fields({ name: plainText, description: plainText, order: text, archived: flag, ...extra })

const level = value(
  'a level of the scale, or nothing',
  (v, scope) => v === null || (Number.isSafeInteger(v) && scope.hasLevel(v as number)),
  (v, scope) => (Number.isSafeInteger(v) ? `level ${String(v)} is outside the scale${scope.describeScale ? ` ${scope.describeScale()}` : ''}` : undefined),
)

const roots: Record<string, ContainerShape> = {
  meta: fields({ title: text, status: text, licence: text, version: text, schemaVersion: wholeNumber }),
  levels: keyedBy(isRankKey, fields({ name: plainText, description: plainText })),
  roles: keyedBy(anyKey, entity()),
  pmoTypes: keyedBy(anyKey, entity()),
  domains: keyedBy(anyKey, entity()),
  competencies: keyedBy(anyKey, entity({ domainId: text })),
  expectations: keyedBy(isCellKey, level),
}

const notePrefix = 'note:'

export const matrixModel: DocumentModel = {
  kind: 'competency-matrix',
  scaleRoot: 'levels',
  root(name) {
    if (Object.hasOwn(roots, name)) return roots[name]
    return name.startsWith(notePrefix) && isCellKey(name.slice(notePrefix.length)) ? plainText : undefined
  },
}
