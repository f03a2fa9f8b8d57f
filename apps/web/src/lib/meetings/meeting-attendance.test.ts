import { describe, expect, it } from 'vitest'
import { attendanceKey, readAttendance, saveAttendance } from './meeting-attendance.ts'

function memoryStorage() {
  const items = new Map<string, string>()
  return {
    items,
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
  }
}

describe('where a member is for a meeting', () => {
  it('is remembered per member and meeting', () => {
    const storage = memoryStorage()
    saveAttendance(storage, attendanceKey('a', 'kick-off'), 'room')
    expect(readAttendance(storage, attendanceKey('a', 'kick-off'))).toBe('room')
    expect(readAttendance(storage, attendanceKey('a', 'second'))).toBeNull()
    expect(readAttendance(storage, attendanceKey('b', 'kick-off'))).toBeNull()
  })

  it('can be unsaid, and ignores anything else stored under the key', () => {
    const storage = memoryStorage()
    const key = attendanceKey('a', 'kick-off')
    saveAttendance(storage, key, 'remote')
    saveAttendance(storage, key, null)
    expect(storage.items.has(key)).toBe(false)
    storage.items.set(key, 'on the moon')
    expect(readAttendance(storage, key)).toBeNull()
  })
})
