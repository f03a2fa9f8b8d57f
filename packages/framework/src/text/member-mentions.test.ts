/**
 * Mentions in rich text: the node y-tiptap writes passes the model check, and every reader
 * (Markdown and HTML exports, a meeting's exports, version content, the mention finder)
 * shows "@" and the member's current name, or the name written when the member is unknown.
 */
import { getSchema, type JSONContent } from '@tiptap/core'
import { prosemirrorJSONToYDoc } from '@tiptap/y-tiptap'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { meetingToHtml, meetingToMarkdown, textDocumentToHtml } from '../meetings/exports.ts'
import { meetingTextFields } from '../meetings/meeting-document.ts'
import type { Meeting } from '../meetings/meetings-index.ts'
import { checkUpdate } from '../model/check-update.ts'
import { termsOfReferenceModel } from '../model/rich-text-model.ts'
import { yDocToMarkdown } from './markdown.ts'
import { mayWriteMention, mentionsInFragment, withMemberNames } from './member-mentions.ts'
import { richTextExtensions, richTextField } from './rich-text-extensions.ts'
import { readRichTextJSON } from './rich-text-json.ts'

const bo = 'c0a8f3e2-1b7d-4f55-9e3a-2d6b8c4e1f00'
const gone = 'd1b9a4f3-2c8e-4a66-8f4b-3e7c9d5f2a11'

const mentionOf = (id: string, label: string): JSONContent => ({ type: 'mention', attrs: { id, label, mentionSuggestionChar: '@' } })

const content: JSONContent = {
  type: 'doc',
  content: [
    { type: 'heading', attrs: { level: 1 }, content: [{ type: 'text', text: 'Roles' }] },
    { type: 'paragraph', content: [{ type: 'text', text: 'Over to ' }, mentionOf(bo, 'Bo Chen'), { type: 'text', text: ' and ' }, mentionOf(gone, 'Old *Name*'), { type: 'text', text: '.' }] },
  ],
}

/** The update the editor's binding writes for `json` into `field`. */
function editorUpdate(json: JSONContent, field: string): Uint8Array {
  const doc = prosemirrorJSONToYDoc(getSchema(richTextExtensions()), json, field)
  const update = Y.encodeStateAsUpdate(doc)
  doc.destroy()
  return update
}

function documentWith(json: JSONContent, field = richTextField): Y.Doc {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, editorUpdate(json, field))
  return doc
}

/** Bo has since been renamed; the other member is no longer approved, so unknown. */
const names = new Map([[bo, 'Bo Chen-Okafor']])

describe('mentions in rich text', () => {
  it('passes the model check as the editor writes it', () => {
    expect(checkUpdate(new Y.Doc(), editorUpdate(content, richTextField), termsOfReferenceModel)).toEqual({ ok: true })
  })

  it('exports to Markdown as "@" and the current name, else the name written, escaped', () => {
    const markdown = yDocToMarkdown(documentWith(content), richTextField, names)
    expect(markdown).toContain('Over to @Bo Chen-Okafor and @Old \\*Name\\*.')
    expect(markdown).not.toContain('[@')
    expect(yDocToMarkdown(documentWith(content))).toContain('Over to @Bo Chen and')
  })

  it('exports to HTML as "@" and the current name inside a mention span', () => {
    const html = textDocumentToHtml(documentWith(content), richTextField, { people: [{ id: bo, name: 'Bo <Chen>' }] })
    expect(html).toMatch(/<span[^>]*class="mention"[^>]*data-id="c0a8f3e2-1b7d-4f55-9e3a-2d6b8c4e1f00"[^>]*>@Bo &#60;Chen&#62;<\/span>/)
    expect(html).toMatch(/<span[^>]*>@Old \*Name\*<\/span>/)
  })

  it('names members in a meeting\'s agenda and notes by the people the export lists', () => {
    const doc = documentWith(content, meetingTextFields.notes)
    const meeting: Meeting = {
      id: 'm', title: 'Kick-off', start: null, plannedTime: null, timeZone: 'Europe/London', durationMinutes: 60, place: '',
      mode: 'remote', joinLink: '', createdAt: '2025-01-01T00:00:00Z', archived: false, sequence: 0,
    }
    const people = [{ id: bo, name: 'Bo Chen-Okafor' }]
    expect(meetingToMarkdown(doc, meeting, people)).toContain('Over to @Bo Chen-Okafor and @Old \\*Name\\*.')
    expect(meetingToHtml(doc, meeting, people)).toContain('>@Bo Chen-Okafor</span>')
  })

  it('gives version readers the current names in the labels, and leaves unknown members as written', () => {
    const json = readRichTextJSON(documentWith(content), richTextField, names)
    const paragraph = json.content?.[1]?.content ?? []
    expect(paragraph[1]?.attrs).toMatchObject({ id: bo, label: 'Bo Chen-Okafor' })
    expect(paragraph[3]?.attrs).toMatchObject({ id: gone, label: 'Old *Name*' })
    expect(withMemberNames(content, undefined)).toBe(content)
  })

  it('finds each mention with its member, a stable key and the words around it', () => {
    const doc = documentWith(content)
    const found = mentionsInFragment(doc, richTextField)
    expect(found.map((mention) => mention.memberId)).toEqual([bo, gone])
    expect(found[0]!.context).toBe('Over to @Bo Chen and @Old *Name*.')
    expect(found[0]!.key).toMatch(/^\d+:\d+$/)
    const copy = new Y.Doc()
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc))
    expect(mentionsInFragment(copy, richTextField).map((mention) => mention.key)).toEqual(found.map((mention) => mention.key))
  })

  it('tells an update that writes a mention from one that only types words', () => {
    const doc = prosemirrorJSONToYDoc(getSchema(richTextExtensions()), { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Hello' }] }] }, richTextField)
    const updates: Uint8Array[] = []
    doc.on('update', (update: Uint8Array) => updates.push(update))
    const paragraph = doc.getXmlFragment(richTextField).get(0) as Y.XmlElement
    const text = paragraph.get(0) as Y.XmlText
    text.insert(5, ' there')
    const mention = new Y.XmlElement('mention')
    mention.setAttribute('id', bo)
    mention.setAttribute('label', 'Bo Chen')
    paragraph.insert(1, [mention])
    text.delete(0, 2)
    expect(updates.map(mayWriteMention)).toEqual([false, true, false])
    // Someone typing the word costs a walk, never a missed mention.
    text.insert(0, 'mention')
    expect(mayWriteMention(updates.at(-1)!)).toBe(true)
    expect(mentionsInFragment(doc, richTextField).map((found) => found.memberId)).toEqual([bo])
  })
})
