/**
 * A competency's descriptors and references (lib/matrix/competency-depth.ts), kept current
 * while the panel showing them lives: read again after every change to the document, and
 * replaced only when what it shows changed.
 */
import { onScopeDispose, shallowRef, toValue, watch, type MaybeRefOrGetter, type ShallowRef } from 'vue'
import type * as Y from 'yjs'
import { readCompetencyDepth, sameDepth, type CompetencyDepth } from '../lib/matrix/competency-depth.ts'

export function useCompetencyDepth(doc: Y.Doc, competencyId: MaybeRefOrGetter<string>, ranks: MaybeRefOrGetter<readonly number[]>): ShallowRef<CompetencyDepth> {
  const read = () => readCompetencyDepth(doc, toValue(competencyId), toValue(ranks))
  const depth = shallowRef(read())
  const refresh = () => {
    const next = read()
    if (!sameDepth(next, depth.value)) depth.value = next
  }
  doc.on('update', refresh)
  watch([() => toValue(competencyId), () => toValue(ranks).join(',')], refresh)
  onScopeDispose(() => doc.off('update', refresh))
  return depth
}
