import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { addMeeting, archiveMeeting, MeetingError, readMeeting, readMeetings, restoreMeeting, updateMeeting, validateNewMeeting, type NewMeeting } from './meetings-index.ts'

const base: NewMeeting = { title: 'Roles workshop', timeZone: 'Europe/London', durationMinutes: 120, mode: 'remote' }

function thrown(action: () => unknown): MeetingError {
  try {
    action()
  } catch (error) {
    if (error instanceof MeetingError) return error
    throw error
  }
  throw new Error('expected a MeetingError')
}

describe('the meetings index', () => {
  it('adds a meeting with defaults for the optional fields and reads it back', () => {
    const doc = new Y.Doc()
    const id = addMeeting(doc, { ...base, createdAt: '2025-01-01T00:00:00.000Z' })
    expect(id).toMatch(/^roles-workshop-[a-z0-9]{8}$/)
    expect(readMeeting(doc, id)).toEqual({
      id, title: 'Roles workshop', start: null, plannedTime: null, timeZone: 'Europe/London', durationMinutes: 120,
      place: '', mode: 'remote', joinLink: '', createdAt: '2025-01-01T00:00:00.000Z', archived: false, sequence: 0,
    })
    expect(readMeeting(doc, 'nope')).toBeNull()
  })

  it('refuses invalid fields, listing every one with a message, and writes nothing', () => {
    const doc = new Y.Doc()
    const error = thrown(() => addMeeting(doc, {
      title: ' ', timeZone: 'Mars/Olympus', durationMinutes: 10, mode: 'telepathy' as 'remote',
      joinLink: 'javascript:alert(1)', start: '2025-02-30T13:00', plannedTime: '25:00',
    }))
    expect(error.errors.map((e) => e.field).sort()).toEqual(['durationMinutes', 'joinLink', 'mode', 'plannedTime', 'start', 'timeZone', 'title'])
    expect(error.errors.find((e) => e.field === 'timeZone')?.message).toContain('Europe/London')
    expect(readMeetings(doc)).toEqual([])
    expect(thrown(() => addMeeting(doc, { ...base, durationMinutes: 721 })).errors[0]?.field).toBe('durationMinutes')
    expect(thrown(() => addMeeting(doc, { ...base, title: 'x'.repeat(201) })).errors[0]?.field).toBe('title')
    expect(validateNewMeeting({ ...base, joinLink: 'https://meet.example.com/a' }).ok).toBe(true)
    expect(validateNewMeeting({ ...base, joinLink: 'ftp://example.com' }).ok).toBe(false)
  })

  it('keeps a given id, and refuses a second meeting with it', () => {
    const doc = new Y.Doc()
    expect(addMeeting(doc, { ...base, id: 'kick-off' })).toBe('kick-off')
    expect(() => addMeeting(doc, { ...base, id: 'kick-off' })).toThrow(/already a meeting/)
    expect(() => addMeeting(doc, { ...base, id: 'Not An Id' })).toThrow(MeetingError)
  })

  it('lists dated meetings by their real start whatever their zones, then undated ones in the order they were made', () => {
    const doc = new Y.Doc()
    addMeeting(doc, { ...base, id: 'undated-b', title: 'B', createdAt: '2025-01-02T00:00:00Z' })
    addMeeting(doc, { ...base, id: 'undated-a', title: 'A', createdAt: '2025-01-01T00:00:00Z' })
    // 15:00 in London (14:00 UTC) is after 09:00 in New York (13:00 UTC) on the same day.
    addMeeting(doc, { ...base, id: 'london', start: '2025-06-05T15:00', createdAt: '2025-01-03T00:00:00Z' })
    addMeeting(doc, { ...base, id: 'new-york', start: '2025-06-05T09:00', timeZone: 'America/New_York', createdAt: '2025-01-04T00:00:00Z' })
    expect(readMeetings(doc).map((m) => m.id)).toEqual(['new-york', 'london', 'undated-a', 'undated-b'])
  })

  it('changes only the fields given, counts changes of time, writes nothing when nothing changes, and refuses invalid changes', () => {
    const doc = new Y.Doc()
    const id = addMeeting(doc, base)
    let updates = 0
    doc.on('update', () => updates++)
    updateMeeting(doc, id, { start: '2025-07-17T13:00', place: 'Angel, Islington' })
    expect(updates).toBe(1)
    expect(readMeeting(doc, id)).toMatchObject({ start: '2025-07-17T13:00', place: 'Angel, Islington', title: 'Roles workshop' })
    updateMeeting(doc, id, { start: '2025-07-17T13:00', title: 'Roles workshop' })
    expect(updates).toBe(1)
    updateMeeting(doc, id, { place: 'Online' })
    expect(readMeeting(doc, id)?.sequence).toBe(1)
    updateMeeting(doc, id, { start: null })
    expect(readMeeting(doc, id)).toMatchObject({ start: null, sequence: 2 })
    expect(thrown(() => updateMeeting(doc, id, { durationMinutes: 5, joinLink: 'nope' })).errors.map((e) => e.field)).toEqual(['durationMinutes', 'joinLink'])
    expect(() => updateMeeting(doc, 'missing', { title: 'x' })).toThrow(/no meeting/)
  })

  it('archives and restores a meeting without losing it', () => {
    const doc = new Y.Doc()
    const id = addMeeting(doc, base)
    archiveMeeting(doc, id)
    expect(readMeetings(doc)).toEqual([])
    expect(readMeetings(doc, { includeArchived: true }).map((m) => m.id)).toEqual([id])
    restoreMeeting(doc, id)
    expect(readMeetings(doc).map((m) => m.id)).toEqual([id])
  })

  it('converges when two organisers change different fields of one meeting at the same moment', () => {
    const a = new Y.Doc()
    const id = addMeeting(a, { ...base, id: 'kick-off' })
    const b = new Y.Doc()
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    updateMeeting(a, id, { start: '2025-07-17T13:00' })
    updateMeeting(b, id, { joinLink: 'https://meet.example.com/k' })
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b))
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    expect(readMeeting(a, id)).toEqual(readMeeting(b, id))
    expect(readMeeting(a, id)).toMatchObject({ start: '2025-07-17T13:00', joinLink: 'https://meet.example.com/k' })
  })
})
