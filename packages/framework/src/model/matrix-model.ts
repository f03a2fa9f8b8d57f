/**
 * The competency matrix's model (matrix/schema.ts): the maps a writer may touch, what each
 * key holds, and the levels an expectation may name: a rank the scale defines, or null.
 * A cell's note is a top-level plain text named `note:<cell key>`; a level's descriptor of a
 * competency, its indicators and the competency's references are top-level too
 * (matrix/descriptors.ts), each within the limits the exchange format sets.
 */
import { descriptorLimits, descriptorPrefix, indicatorsPrefix, isWebAddress, parseDescriptorKey, referenceRelations, referencesPrefix } from '../matrix/descriptors.ts'
import { anyKey, fields, flag, keyedBy, limitedText, plainText, text, value, wholeNumber, type ContainerShape, type DocumentModel } from './shape.ts'

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

const shortText = (most: number, least = 0) =>
  value(least > 0 ? `text of ${least} to ${most} characters` : `text of at most ${most} characters`, (v) => typeof v === 'string' && v.length >= least && v.length <= most)

const summary = limitedText(descriptorLimits.summary)
const indicators = keyedBy(anyKey, fields({ text: limitedText(descriptorLimits.indicator), order: text }), descriptorLimits.indicators)
const references = keyedBy(anyKey, fields({
  scheme: shortText(descriptorLimits.scheme, 1),
  code: shortText(descriptorLimits.code),
  title: shortText(descriptorLimits.title),
  uri: value(`nothing, or an http(s) address of at most ${descriptorLimits.uri} characters`, (v) => v === '' || (typeof v === 'string' && isWebAddress(v))),
  relation: value(`one of ${referenceRelations.join(', ')}`, (v) => (referenceRelations as readonly unknown[]).includes(v)),
  order: text,
}), descriptorLimits.references)

/** The descriptor names (`descriptor:` and `indicators:` with `<competencyId>|<rank>`), each about one level. */
const rankedRoots: Array<[string, ContainerShape]> = [[descriptorPrefix, summary], [indicatorsPrefix, indicators]]

export const matrixModel: DocumentModel = {
  kind: 'competency-matrix',
  scaleRoot: 'levels',
  root(name) {
    if (Object.hasOwn(roots, name)) return roots[name]
    if (name.startsWith(notePrefix)) return isCellKey(name.slice(notePrefix.length)) ? plainText : undefined
    for (const [prefix, shape] of rankedRoots) {
      if (name.startsWith(prefix)) return parseDescriptorKey(name.slice(prefix.length)) ? shape : undefined
    }
    if (name.startsWith(referencesPrefix)) {
      const competencyId = name.slice(referencesPrefix.length)
      return anyKey(competencyId) && !competencyId.includes('|') ? references : undefined
    }
    return undefined
  },
  rankOf(name) {
    const prefix = rankedRoots.find(([known]) => name.startsWith(known))?.[0]
    return prefix === undefined ? undefined : parseDescriptorKey(name.slice(prefix.length))?.rank
  },
}
