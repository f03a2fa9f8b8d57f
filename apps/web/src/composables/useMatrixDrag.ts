/**
 * Dragging rows (by their header) and columns (by theirs) to a new place in the grid:
 * tracks what is dragged and where it would land (shown as a line on that side), and
 * moves it on drop through the framework's operations (lib/matrix/matrix-moves.ts).
 */
import { shallowRef, toValue, type MaybeRefOrGetter, type ShallowRef } from 'vue'
import type * as Y from 'yjs'
import { dropTargetFor, moveByDrop, subjectAt, type DropTarget, type MoveSubject } from '../lib/matrix/matrix-moves.ts'
import { competencyLineId, domainLineId, type GridLine, type MatrixLayout } from '../lib/matrix/matrix-layout.ts'
import type { GridPosition } from '../lib/matrix/matrix-navigation.ts'

export interface MatrixDragOptions {
  doc: Y.Doc
  layout: MaybeRefOrGetter<MatrixLayout>
  lineById: MaybeRefOrGetter<ReadonlyMap<string, GridLine>>
  editable: MaybeRefOrGetter<boolean>
  positionOf(target: EventTarget | null): GridPosition | null
  elementAt(position: GridPosition): HTMLElement | null
  /** After a drop: what to announce, and the domain a competency went into. */
  moved(message: string, intoDomainId: string | null): void
}

export interface MatrixDrag {
  dragging: ShallowRef<MoveSubject | null>
  /** 'before' or 'after' when the line (or role column) with this key is where a drop would land. */
  dropHintOf(key: string): 'before' | 'after' | null
  handlers: {
    dragstart(event: DragEvent): void
    dragover(event: DragEvent): void
    drop(event: DragEvent): void
    dragend(): void
  }
}

export function useMatrixDrag(options: MatrixDragOptions): MatrixDrag {
  const dragging = shallowRef<MoveSubject | null>(null)
  const dropTarget = shallowRef<DropTarget | null>(null)

  function targetOf(event: DragEvent): DropTarget | null {
    const subject = dragging.value
    const position = options.positionOf(event.target)
    const line = position ? toValue(options.lineById).get(position.lineId) : undefined
    const cell = position ? options.elementAt(position) : null
    if (!subject || !position || !line || !cell) return null
    return dropTargetFor(subject, line, position.columnId, cell.getBoundingClientRect(), { x: event.clientX, y: event.clientY })
  }

  function end(): void {
    dragging.value = null
    dropTarget.value = null
  }

  const handlers = {
    dragstart(event: DragEvent): void {
      const position = options.positionOf(event.target)
      const line = position ? toValue(options.lineById).get(position.lineId) : undefined
      const subject = position && toValue(options.editable) ? subjectAt(line, position.columnId) : null
      if (!subject || !event.dataTransfer) {
        event.preventDefault()
        return
      }
      dragging.value = subject
      event.dataTransfer.effectAllowed = 'move'
      event.dataTransfer.setData('text/plain', subject.id)
    },
    dragover(event: DragEvent): void {
      const target = targetOf(event)
      if (!target) return
      event.preventDefault()
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'move'
      const old = dropTarget.value
      if (!old || old.id !== target.id || old.after !== target.after || old.kind !== target.kind) dropTarget.value = target
    },
    drop(event: DragEvent): void {
      const subject = dragging.value
      const target = targetOf(event)
      end()
      if (!subject || !target) return
      event.preventDefault()
      const message = moveByDrop(options.doc, toValue(options.layout), subject, target)
      if (message) options.moved(message, target.kind === 'domain' && subject.kind === 'competency' ? target.id : null)
    },
    dragend: end,
  }

  function dropHintOf(key: string): 'before' | 'after' | null {
    const target = dropTarget.value
    if (!target) return null
    const targetKey = target.kind === 'role' ? target.id : target.kind === 'domain' ? domainLineId(target.id) : competencyLineId(target.id)
    return targetKey === key ? (target.after ? 'after' : 'before') : null
  }

  return { dragging, dropHintOf, handlers }
}
