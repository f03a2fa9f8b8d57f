/**
 * Whether the member is in the room or remote for one meeting, as they said on its page.
 * Remembered per member and meeting on this device, so it holds across reloads and is
 * never mixed up with another meeting's or another person's.
 */
import type { RoomOrRemote } from '../presence/presence.ts'

type KeyValueStore = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>

export function attendanceKey(memberId: string, meetingId: string): string {
  return `studio:attendance:${memberId}:${meetingId}`
}

export function readAttendance(storage: KeyValueStore, key: string): RoomOrRemote | null {
  try {
    const value = storage.getItem(key)
    return value === 'room' || value === 'remote' ? value : null
  } catch {
    return null
  }
}

export function saveAttendance(storage: KeyValueStore, key: string, value: RoomOrRemote | null): void {
  try {
    if (value) storage.setItem(key, value)
    else storage.removeItem(key)
  } catch {
    // Storage refused: the choice still holds for this visit.
  }
}
