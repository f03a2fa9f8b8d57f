/**
 * Presence in the matrix: who this tab's person is goes out through the app-wide presence
 * (usePresence), and where they are through the awareness field `matrix` (the cell they
 * have focused, and whether they are editing it). Everyone else's states become marks by
 * position and a list of who is where.
 */
import type { Member } from '@studio/contract'
import { onScopeDispose, shallowRef, type MaybeRefOrGetter, type ShallowRef } from 'vue'
import type { GridPosition } from '../lib/matrix/matrix-navigation.ts'
import { marksByPosition, matrixField, peopleFromStates, type MatrixAwareness, type PresenceMark, type PresencePerson } from '../lib/matrix/matrix-presence.ts'
import type { CollabDocument } from './useCollabDocument.ts'
import { usePresence } from './usePresence.ts'

export interface MatrixPresence {
  people: ShallowRef<readonly PresencePerson[]>
  marks: ShallowRef<ReadonlyMap<string, readonly PresenceMark[]>>
  publish(position: GridPosition | null, editing: boolean): void
}

export function useMatrixPresence(collab: CollabDocument, member: MaybeRefOrGetter<Member | null>): MatrixPresence {
  usePresence(collab, { member })
  const people = shallowRef<readonly PresencePerson[]>([])
  const marks = shallowRef<ReadonlyMap<string, readonly PresenceMark[]>>(new Map())
  const awareness = collab.provider.awareness
  let published = ''

  function refresh(): void {
    if (!awareness) return
    const next = peopleFromStates(awareness.getStates(), awareness.clientID)
    people.value = next
    marks.value = marksByPosition(next)
  }

  function publish(position: GridPosition | null, editing: boolean): void {
    const value: MatrixAwareness | null = position ? { lineId: position.lineId, columnId: position.columnId, editing } : null
    const key = JSON.stringify(value)
    if (key === published) return
    published = key
    awareness?.setLocalStateField(matrixField, value)
  }

  awareness?.on('change', refresh)
  refresh()
  onScopeDispose(() => awareness?.off('change', refresh))

  return { people, marks, publish }
}
