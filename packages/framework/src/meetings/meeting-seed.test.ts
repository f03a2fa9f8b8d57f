import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { yXmlFragmentToProsemirrorJSON } from '@tiptap/y-tiptap'
import { meetingNotesSeedUpdate, notesAreEmpty } from './meeting-seed.ts'
import { meetingTextFields } from './meeting-document.ts'

describe('the seed of a meeting’s notes', () => {
  it('is a bulleted list with one empty bullet, and the paragraph an editor keeps after it', () => {
    const doc = new Y.Doc()
    expect(notesAreEmpty(doc)).toBe(true)
    Y.applyUpdate(doc, meetingNotesSeedUpdate())
    expect(notesAreEmpty(doc)).toBe(false)
    expect(yXmlFragmentToProsemirrorJSON(doc.getXmlFragment(meetingTextFields.notes))).toEqual({
      type: 'doc',
      content: [{ type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph' }] }] }, { type: 'paragraph' }],
    })
  })

  it('is the same update wherever it is made, so three people seeding at once end with one list', () => {
    expect(meetingNotesSeedUpdate()).toEqual(meetingNotesSeedUpdate())
    const people = [new Y.Doc(), new Y.Doc(), new Y.Doc()]
    const updates = people.map((doc) => {
      Y.applyUpdate(doc, meetingNotesSeedUpdate())
      return Y.encodeStateAsUpdate(doc)
    })
    for (const doc of people) for (const update of updates) Y.applyUpdate(doc, update)
    for (const doc of people) {
      const notes = doc.getXmlFragment(meetingTextFields.notes)
      expect(notes.length).toBe(2)
      expect((notes.get(0) as Y.XmlElement).length).toBe(1)
    }
  })
})
