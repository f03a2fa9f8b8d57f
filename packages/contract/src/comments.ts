/**
 * Comments on the shared documents: the HTTP bodies (POST /api/comments, PATCH
 * /api/comments/:id), the Comment every route answers with and the server mirrors into the
 * read-only `comments:<document>` document, and anchors: where in a document a thread sits.
 *
 * Anchors (at most 300 characters, one of these forms):
 * - `text`: the document as a whole. Every commentable document takes it.
 * - `heading:<slug>`: a section of a text document (terms-of-reference, meeting:<id>);
 *   the slug is `headingSlug(<heading text>)`.
 * - `item:<id>`: one agenda item, decision or action of a meeting, or one meeting of the
 *   meetings list.
 * - `passage:<start>.<end>`: a passage of text in a text document (terms-of-reference,
 *   meeting:<id>), chosen by selecting it. `<start>` and `<end>` are Yjs relative positions
 *   (`Y.encodeRelativePosition`, base64url without padding) of the passage's first and last
 *   character, so the passage follows concurrent edits; a thread on one also stores the
 *   passage's words as `quote`, kept when the passage is deleted.
 * - competency-matrix only: `cell:<competencyId>|<roleId>` or
 *   `cell:<competencyId>|<roleId>|<pmoTypeId>` (an override), `competency:<id>`,
 *   `role:<id>`, `domain:<id>`, `pmo-type:<id>`.
 * Ids are the document's own (letters, digits, `-` and `_`, at most 64). An anchor names its
 * target but is not checked against the document's content: a comment on an archived row
 * stays, and reappears when the row is restored.
 */
import { z } from 'zod'
import { DocumentName, isCommentable } from './documents.ts'

export const commentRules = { maxBody: 4000, maxAnchor: 300, maxQuote: 500 } as const

const idPart = '[A-Za-z0-9][A-Za-z0-9_-]{0,63}'
const slugPart = '[a-z0-9]+(?:-[a-z0-9]+){0,59}'
// An encoded relative position is about 12 bytes (16 characters); a root type's name makes it longer.
const positionPart = '[A-Za-z0-9_-]{2,140}'

const anchorForms = {
  text: /^text$/,
  heading: new RegExp(`^heading:(${slugPart})$`),
  item: new RegExp(`^item:(${idPart})$`),
  cell: new RegExp(`^cell:(${idPart})\\|(${idPart})(?:\\|(${idPart}))?$`),
  competency: new RegExp(`^competency:(${idPart})$`),
  role: new RegExp(`^role:(${idPart})$`),
  domain: new RegExp(`^domain:(${idPart})$`),
  'pmo-type': new RegExp(`^pmo-type:(${idPart})$`),
  passage: new RegExp(`^passage:(${positionPart})\\.(${positionPart})$`),
} as const

export type AnchorKind = keyof typeof anchorForms

export type Anchor =
  | { kind: 'text' }
  | { kind: 'heading'; slug: string }
  | { kind: 'item'; id: string }
  | { kind: 'cell'; competencyId: string; roleId: string; pmoTypeId: string | null }
  | { kind: 'competency' | 'role' | 'domain' | 'pmo-type'; id: string }
  | { kind: 'passage'; start: string; end: string }

/** The anchor's parts, or null when it is not one of the forms above. */
export function parseAnchor(anchor: string): Anchor | null {
  if (anchor.length > commentRules.maxAnchor) return null
  for (const kind of Object.keys(anchorForms) as AnchorKind[]) {
    const match = anchorForms[kind].exec(anchor)
    if (!match) continue
    switch (kind) {
      case 'text':
        return { kind }
      case 'heading':
        return { kind, slug: match[1]! }
      case 'item':
        return { kind, id: match[1]! }
      case 'cell':
        return { kind, competencyId: match[1]!, roleId: match[2]!, pmoTypeId: match[3] ?? null }
      case 'passage':
        return { kind, start: match[1]!, end: match[2]! }
      default:
        return { kind, id: match[1]! }
    }
  }
  return null
}

const matrixKinds: readonly AnchorKind[] = ['text', 'cell', 'competency', 'role', 'domain', 'pmo-type']
const textKinds: readonly AnchorKind[] = ['text', 'heading', 'passage']
const meetingKinds: readonly AnchorKind[] = ['text', 'heading', 'item', 'passage']
const meetingsListKinds: readonly AnchorKind[] = ['text', 'item']

/** The anchor forms a commentable document takes; none for any other name. */
export function anchorKindsFor(documentName: string): readonly AnchorKind[] {
  if (!isCommentable(documentName)) return []
  if (documentName === DocumentName.competencyMatrix) return matrixKinds
  if (documentName === DocumentName.termsOfReference) return textKinds
  if (documentName === DocumentName.meetings) return meetingsListKinds
  return meetingKinds
}

export const textAnchor = 'text'
export const cellAnchor = (competencyId: string, roleId: string, pmoTypeId?: string | null): string =>
  `cell:${competencyId}|${roleId}${pmoTypeId ? `|${pmoTypeId}` : ''}`
export const competencyAnchor = (id: string): string => `competency:${id}`
export const roleAnchor = (id: string): string => `role:${id}`
export const domainAnchor = (id: string): string => `domain:${id}`
export const pmoTypeAnchor = (id: string): string => `pmo-type:${id}`
export const itemAnchor = (id: string): string => `item:${id}`
export const headingAnchor = (heading: string): string => `heading:${headingSlug(heading)}`
/** `start` and `end`: base64url-encoded Yjs relative positions (apps/web's passage-anchor.ts makes them). */
export const passageAnchor = (start: string, end: string): string => `passage:${start}.${end}`
export const isPassageAnchor = (anchor: string): boolean => parseAnchor(anchor)?.kind === 'passage'

/** A heading's text as an anchor slug: lower-case ASCII words joined by hyphens. */
export function headingSlug(heading: string): string {
  const slug = heading
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 200)
    .replace(/-+$/, '')
  return slug || 'section'
}

// PostgreSQL text cannot hold NUL; no one types it on purpose.
const noNul = (value: string) => !value.includes('\u0000')

export const commentBodySchema = z
  .string({ error: 'Write the comment as text.' })
  .trim()
  .min(1, 'Write a comment before sending it.')
  .max(commentRules.maxBody, `Keep a comment to ${commentRules.maxBody.toLocaleString('en-GB')} characters or fewer.`)
  .refine(noNul, 'Remove the NUL character from the comment.')

const documentSchema = z
  .string({ error: 'Name the document the comment is on.' })
  .max(200, 'Name a document of the studio.')
  .refine(isCommentable, 'Comments go on the terms of reference, the competency matrix, the meetings list or a meeting.')

const anchorSchema = z
  .string({ error: 'Say where in the document the comment goes (its anchor).' })
  .max(commentRules.maxAnchor, `Use an anchor of at most ${commentRules.maxAnchor} characters.`)
  .refine((anchor) => parseAnchor(anchor) !== null, 'Use an anchor such as text, heading:<slug>, passage:<start>.<end>, cell:<competency>|<role>, competency:<id>, role:<id> or domain:<id>.')

/** The words of the commented passage, as they were when the thread was started. */
const quoteSchema = z
  .string({ error: 'Give the quoted passage as text.' })
  .trim()
  .min(1, 'Quote the passage the comment is on: select some text first.')
  .max(commentRules.maxQuote, `Quote at most ${commentRules.maxQuote} characters of the passage.`)
  .refine(noNul, 'Remove the NUL character from the quote.')

/**
 * POST /api/comments. A reply names its thread's first comment and repeats its anchor. A new
 * thread on a passage carries the passage's words (`quote`); nothing else does (a reply shows
 * its thread's).
 */
export const createCommentBody = z
  .object({
    document: documentSchema,
    anchor: anchorSchema,
    body: commentBodySchema,
    replyTo: z.string({ error: 'Give the id of the thread to reply to, or null.' }).min(1).max(64).nullish(),
    quote: quoteSchema.nullish(),
  })
  .superRefine((value, context) => {
    if (typeof value.anchor !== 'string' || typeof value.document !== 'string') return
    const parsed = parseAnchor(value.anchor)
    const startsPassageThread = parsed?.kind === 'passage' && !value.replyTo
    if (startsPassageThread && (value.quote === undefined || value.quote === null)) {
      context.addIssue({ code: 'custom', path: ['quote'], message: 'Quote the passage the comment is on: select some text first.' })
    } else if (!startsPassageThread && value.quote !== undefined && value.quote !== null) {
      context.addIssue({ code: 'custom', path: ['quote'], message: 'Only a new thread on a passage takes a quote; leave it out here.' })
    }
    if (parsed && isCommentable(value.document) && !anchorKindsFor(value.document).includes(parsed.kind)) {
      context.addIssue({
        code: 'custom',
        path: ['anchor'],
        message: `A comment on ${value.document} takes one of these anchors: ${anchorKindsFor(value.document).join(', ')}.`,
      })
    }
  })
export type CreateCommentBody = z.infer<typeof createCommentBody>

/** PATCH /api/comments/:id: either a new body (authors only) or resolve/reopen (threads only). */
export const patchCommentBody = z
  .object({
    body: commentBodySchema.optional(),
    resolved: z.boolean({ error: 'Give resolved as true or false.' }).optional(),
  })
  .superRefine((value, context) => {
    if (value.body === undefined && value.resolved === undefined) {
      context.addIssue({ code: 'custom', path: ['body'], message: 'Send a new body to edit the comment, or resolved to resolve or reopen the thread.' })
    } else if (value.body !== undefined && value.resolved !== undefined) {
      context.addIssue({ code: 'custom', path: ['resolved'], message: 'Edit the body and resolve the thread in two separate requests.' })
    }
  })
export type PatchCommentBody = z.infer<typeof patchCommentBody>

/** GET /api/comments?document= */
export const commentsQuery = z.object({ document: documentSchema })

/**
 * One comment. A thread is a comment whose `replyTo` is null; its replies name it and share
 * its anchor. Only a thread is resolved (`resolved`, `resolvedBy`, `resolvedAt` on a reply
 * stay false and null). `updatedAt` moves with every change, `editedAt` only when the body
 * changes. `quote` is set on a thread on a passage only.
 */
export const commentSchema = z.object({
  id: z.string(),
  document: z.string(),
  anchor: z.string(),
  body: z.string(),
  authorId: z.string(),
  authorName: z.string(),
  replyTo: z.string().nullable(),
  resolved: z.boolean(),
  resolvedBy: z.string().nullable(),
  resolvedByName: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  editedAt: z.string().nullable(),
  /**
   * A thread on a passage: the passage's words when it was started (it outlives the passage).
   * Null otherwise; absent in mirrors written before passages existed.
   */
  quote: z.string().nullable().default(null),
})
export type Comment = z.infer<typeof commentSchema>

export interface CommentResponse {
  comment: Comment
}

export interface CommentsResponse {
  comments: Comment[]
}

/** The read-only document the server mirrors a document's comments into. */
export function commentsDocumentName(documentName: string): string {
  return `comments:${documentName}`
}

/** In that document: a Y.Map of this name, comment id -> the Comment as plain JSON. */
export const commentsMapName = 'comments'
