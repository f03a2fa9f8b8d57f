import type { Level } from '@studio/framework'
import { describe, expect, it } from 'vitest'
import type { GridLine } from './matrix-layout.ts'
import { headColumn, initialPosition, levelForKey, moveFocus, resolvePosition } from './matrix-navigation.ts'

const lines: GridLine[] = [
  { kind: 'header', id: 'header' },
  { kind: 'domain', id: 'domain:d1', domainId: 'd1' },
  { kind: 'competency', id: 'competency:a', competencyId: 'a', domainId: 'd1' },
  { kind: 'competency', id: 'competency:b', competencyId: 'b', domainId: 'd1' },
  { kind: 'domain', id: 'domain:d2', domainId: 'd2' },
  { kind: 'competency', id: 'competency:c', competencyId: 'c', domainId: 'd2' },
]
const columns = ['r1', 'r2', 'r3']
const at = (lineId: string, columnId: string) => ({ lineId, columnId })

describe('grid keyboard navigation', () => {
  it('moves one cell with the arrows and stops at the edges', () => {
    expect(moveFocus(lines, columns, at('competency:a', 'r1'), 'ArrowRight').position).toEqual(at('competency:a', 'r2'))
    expect(moveFocus(lines, columns, at('competency:a', 'r3'), 'ArrowRight').position).toEqual(at('competency:a', 'r3'))
    expect(moveFocus(lines, columns, at('competency:a', 'r1'), 'ArrowLeft').position).toEqual(at('competency:a', headColumn))
    expect(moveFocus(lines, columns, at('competency:a', headColumn), 'ArrowLeft').position).toEqual(at('competency:a', headColumn))
    expect(moveFocus(lines, columns, at('competency:a', 'r2'), 'ArrowDown').position).toEqual(at('competency:b', 'r2'))
    expect(moveFocus(lines, columns, at('header', 'r2'), 'ArrowUp').position).toEqual(at('header', 'r2'))
    expect(moveFocus(lines, columns, at('competency:c', 'r2'), 'ArrowDown').position).toEqual(at('competency:c', 'r2'))
  })

  it('passes through a domain heading and returns to the column it came from', () => {
    const onHeading = moveFocus(lines, columns, at('competency:b', 'r3'), 'ArrowDown')
    expect(onHeading.position).toEqual(at('domain:d2', headColumn))
    const below = moveFocus(lines, columns, onHeading.position, 'ArrowDown', { preferredColumnId: onHeading.preferredColumnId })
    expect(below.position).toEqual(at('competency:c', 'r3'))
  })

  it('goes to the ends of the row with Home and End, and of the grid with Ctrl', () => {
    expect(moveFocus(lines, columns, at('competency:b', 'r2'), 'Home').position).toEqual(at('competency:b', headColumn))
    expect(moveFocus(lines, columns, at('competency:b', 'r2'), 'End').position).toEqual(at('competency:b', 'r3'))
    expect(moveFocus(lines, columns, at('competency:b', 'r2'), 'Home', { ctrlKey: true }).position).toEqual(at('header', headColumn))
    expect(moveFocus(lines, columns, at('competency:a', 'r1'), 'End', { ctrlKey: true }).position).toEqual(at('competency:c', 'r3'))
  })

  it('moves a page of rows with Page Up and Page Down', () => {
    expect(moveFocus(lines, columns, at('header', 'r1'), 'PageDown', { pageSize: 3 }).position).toEqual(at('competency:b', 'r1'))
    expect(moveFocus(lines, columns, at('competency:c', 'r1'), 'PageUp', { pageSize: 10 }).position).toEqual(at('header', 'r1'))
  })

  it('keeps a position that still exists and falls back sensibly when it does not', () => {
    expect(resolvePosition(lines, columns, at('competency:b', 'r2'))).toEqual(at('competency:b', 'r2'))
    expect(resolvePosition(lines, ['r1'], at('competency:b', 'r2'))).toEqual(at('competency:b', headColumn))
    expect(resolvePosition(lines, columns, at('competency:gone', 'r2'), 3)).toEqual(at('competency:b', 'r2'))
    expect(initialPosition(lines, columns)).toEqual(at('competency:a', 'r1'))
  })

  it('turns digits into levels that exist and Delete or Backspace into no level', () => {
    const levels: Level[] = [0, 1, 2, 3, 4, 5].map((rank) => ({ rank, name: `L${rank}`, description: '' }))
    expect(levelForKey('3', levels)).toBe(3)
    expect(levelForKey('7', levels)).toBeUndefined()
    expect(levelForKey('Delete', levels)).toBeNull()
    expect(levelForKey('Backspace', levels)).toBeNull()
    expect(levelForKey('a', levels)).toBeUndefined()
  })
})
