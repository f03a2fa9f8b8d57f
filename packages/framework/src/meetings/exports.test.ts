import { getSchema } from '@tiptap/core'
import { prosemirrorJSONToYDoc } from '@tiptap/y-tiptap'
import { readFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { markdownToJSON, markdownToYUpdate } from '../text/markdown.ts'
import { richTextExtensions, richTextField } from '../text/rich-text-extensions.ts'
import { seedFiles } from '../seed.ts'
import { meetingToHtml, meetingToMarkdown, textDocumentToHtml } from './exports.ts'
import { addAction, addDecision, archiveDecision, meetingTextFields, updateAction } from './meeting-document.ts'
import type { Meeting } from './meetings-index.ts'

const meeting: Meeting = {
  id: 'kick-off', title: 'Kick-off meeting', start: '2025-07-17T13:00', plannedTime: null, timeZone: 'Europe/London',
  durationMinutes: 240, place: 'Angel, Islington, London', mode: 'hybrid', joinLink: 'https://meet.example.com/k',
  createdAt: '2025-01-01T00:00:00Z', archived: false, sequence: 0,
}
const people = [{ id: 'ada', name: 'Ada Lovelace' }, { id: 'grace', name: 'Grace Hopper' }]

/** A meeting document with rich agenda and notes, three decisions (one archived) and four actions (one done). */
function meetingDocument(): Y.Doc {
  const doc = new Y.Doc()
  const schema = getSchema(richTextExtensions())
  for (const [field, markdown] of [
    [meetingTextFields.agenda, '1. Welcome\n2. Terms of reference\n\n[bad](javascript:alert(1)) <script>alert(2)</script>'],
    [meetingTextFields.notes, '**Agreed** the scope.\n\n| Item | Owner |\n| --- | --- |\n| Roles | Ada |'],
  ] as const) {
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(prosemirrorJSONToYDoc(schema, markdownToJSON(markdown), field)))
  }
  addDecision(doc, { text: 'Publish under CC BY-SA 4.0' })
  archiveDecision(doc, addDecision(doc, { text: 'Withdrawn decision' }))
  addDecision(doc, { text: 'Escape <img src=x onerror=alert(3)> & *stars*' })
  addAction(doc, { text: 'Draft the role list', ownerId: 'ada', due: '2025-07-31' })
  updateAction(doc, addAction(doc, { text: 'Book the room', ownerId: 'grace' }), { done: true })
  addAction(doc, { text: 'Someone who left', ownerId: 'gone' })
  addAction(doc, { text: 'Nobody yet' })
  return doc
}

describe('meeting exports', () => {
  it('writes Markdown with the details, agenda, notes, decisions and actions with owners, due dates and done', () => {
    const markdown = meetingToMarkdown(meetingDocument(), meeting, people)
    expect(markdown).toContain('# Kick-off meeting')
    expect(markdown).toContain('**When:** Thursday 17 July, 13:00 to 17:00 London')
    expect(markdown).toContain('**Where:** Angel, Islington, London (in person and remote)')
    expect(markdown).toContain('**Join:** <https://meet.example.com/k>')
    expect(markdown).toMatch(/## Agenda\n\n1\. Welcome\n2\. Terms of reference/)
    expect(markdown).toContain('**Agreed** the scope.')
    expect(markdown).toContain('1. Publish under CC BY-SA 4.0\n2. Escape \\<img src=x onerror=alert(3)\\> & \\*stars\\*')
    expect(markdown).not.toContain('Withdrawn decision')
    expect(markdown).toContain('- [ ] Draft the role list (owner: Ada Lovelace, due 2025-07-31)')
    expect(markdown).toContain('- [x] Book the room (owner: Grace Hopper)')
    expect(markdown).toContain('- [ ] Someone who left (owner: A former member)')
    expect(markdown).toContain('- [ ] Nobody yet (owner: No owner)')
  })

  it('says a section is empty rather than leaving a bare heading', () => {
    const markdown = meetingToMarkdown(new Y.Doc(), { ...meeting, start: null, plannedTime: '13:00', joinLink: '' }, people)
    expect(markdown).toContain('**When:** Not yet dated; planned for 13:00 to 17:00 London time')
    expect(markdown).not.toContain('**Join:**')
    expect(markdown.match(/_None yet\._/g)).toHaveLength(4)
  })

  it('writes a standalone HTML page with everything escaped and no script or unsafe link', () => {
    const html = meetingToHtml(meetingDocument(), { ...meeting, title: 'Kick-off <b>meeting</b>' }, people)
    expect(html.startsWith('<!doctype html>')).toBe(true)
    expect(html).toContain('<title>Kick-off &#60;b&#62;meeting&#60;/b&#62;</title>')
    expect(html).toContain('<ol><li><p>Welcome</p></li><li><p>Terms of reference</p></li></ol>')
    expect(html).toContain('<strong>Agreed</strong> the scope.')
    expect(html).toContain('<li>Escape &#60;img src=x onerror=alert(3)&#62; &#38; *stars*</li>')
    expect(html).toContain('<tr><td>Draft the role list</td><td>Ada Lovelace</td><td><time datetime="2025-07-31">2025-07-31</time></td><td>Open</td></tr>')
    expect(html).toContain('<td>A former member</td>')
    expect(html).not.toMatch(/<script|javascript:|<img/i)
    // No element carries an event handler: "onerror=" appears only as escaped text.
    expect(html).not.toMatch(/<[^>]*\son\w+=/i)
  })

  it('writes the terms of reference as a page titled by its first heading, with its table', async () => {
    const doc = new Y.Doc()
    Y.applyUpdate(doc, markdownToYUpdate(await readFile(seedFiles.termsOfReference, 'utf8')))
    const html = textDocumentToHtml(doc, richTextField)
    expect(html).toContain('<title>Terms of reference: PMO Competency Framework working group</title>')
    expect(html).toContain('<h2>Deliverables and milestones</h2>')
    expect(html).toMatch(/<table>.*<p>Draft competency matrix<\/p><\/td><td[^>]*><p>month 4<\/p>/s)
    expect(textDocumentToHtml(doc, richTextField, { title: 'ToR' })).toContain('<title>ToR</title>')
  })
})
