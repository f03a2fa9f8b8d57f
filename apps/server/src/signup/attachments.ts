/**
 * Applicants' attachments: the type comes from the content, never from the name the
 * browser sent, and must agree with the file's extension. Stored in the database under
 * a generated name; only organisers can download one.
 */
import { attachmentRules, ErrorCode } from '@studio/contract'
import { fileTypeFromBuffer } from 'file-type'
import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import { HttpError } from '../http/errors.ts'
import type { Database } from '../store/schema.ts'

export interface Upload {
  fileName: string
  data: Buffer
}

export interface CheckedAttachment {
  extension: string
  contentType: string
  originalName: string
  data: Buffer
}

const contentTypes: Record<string, string> = {
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
  txt: 'text/plain; charset=utf-8',
  gif: 'image/gif',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
}

/** Every type an attachment is served as (the OpenAPI document lists them). */
export const attachmentContentTypes = [...new Set(Object.values(contentTypes).map((type) => type.split(';')[0]!))]

const notAllowed = (message: string) =>
  new HttpError(415, ErrorCode.fileTypeNotAllowed, message, [{ field: 'attachment', message }])

const allowedList = attachmentRules.extensions.join(', ')

/** What the content really is, as one of the allowed extensions, or null. */
async function sniff(data: Buffer): Promise<string | null> {
  const detected = await fileTypeFromBuffer(data)
  if (!detected) return isPlainText(data) ? 'txt' : null
  if (detected.ext === 'cfb') return 'doc' // an OLE compound file: the legacy Word format
  if (detected.ext === 'docx') return holdsEntry(data, 'word/document.xml') ? 'docx' : null
  if (detected.ext === 'jpg' || detected.ext === 'png' || detected.ext === 'gif' || detected.ext === 'pdf') return detected.ext
  return null
}

function isPlainText(data: Buffer): boolean {
  if (data.includes(0)) return false
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(data)
    return true
  } catch {
    return false
  }
}

/**
 * Whether a zip's central directory lists an entry with exactly this name. The directory
 * is what unzippers read, so a name that merely appears in some file's content is not
 * an entry. A malformed directory holds nothing.
 */
function holdsEntry(zip: Buffer, entryName: string): boolean {
  const endOfDirectory = findEndOfCentralDirectory(zip)
  if (endOfDirectory === -1) return false
  const entries = zip.readUInt16LE(endOfDirectory + 10)
  let at = zip.readUInt32LE(endOfDirectory + 16)
  for (let index = 0; index < entries; index++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== 0x02014b50) return false
    const nameLength = zip.readUInt16LE(at + 28)
    const name = zip.subarray(at + 46, at + 46 + nameLength).toString('utf8')
    if (name === entryName) return true
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32)
  }
  return false
}

/** The end-of-central-directory record sits in the last 22 bytes plus up to 64 KiB of comment. */
function findEndOfCentralDirectory(zip: Buffer): number {
  const earliest = Math.max(0, zip.length - 22 - 0xffff)
  for (let at = zip.length - 22; at >= earliest; at--) {
    if (zip.readUInt32LE(at) === 0x06054b50) return at
  }
  return -1
}

export async function checkAttachment(upload: Upload): Promise<CheckedAttachment> {
  const extension = upload.fileName.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1] ?? ''
  if (!(attachmentRules.extensions as readonly string[]).includes(extension)) {
    throw notAllowed(`Attach a file of one of these types: ${allowedList}.`)
  }
  if (upload.data.length === 0) throw notAllowed('The attached file is empty.')
  const actual = await sniff(upload.data)
  const agrees = actual === extension || (actual === 'jpg' && extension === 'jpeg')
  if (!actual || !agrees) {
    throw notAllowed(`The file's content does not match its .${extension} name. Attach a genuine ${allowedList} file.`)
  }
  return { extension, contentType: contentTypes[extension]!, originalName: upload.fileName.slice(0, 200), data: upload.data }
}

export async function storeAttachment(db: Kysely<Database>, memberId: string, attachment: CheckedAttachment): Promise<void> {
  await db
    .insertInto('attachments')
    .values({
      member_id: memberId,
      stored_name: `${randomUUID()}.${attachment.extension}`,
      original_name: attachment.originalName,
      content_type: attachment.contentType,
      size: attachment.data.length,
      data: attachment.data,
      created_at: new Date().toISOString(),
    })
    .execute()
}

export function findAttachment(db: Kysely<Database>, memberId: string) {
  return db.selectFrom('attachments').selectAll().where('member_id', '=', memberId).executeTakeFirst()
}

/**
 * How a download names the attachment: its own file name as the applicant chose it (RFC 6266),
 * as `filename*` in UTF-8 for browsers (all current ones read it) and as `filename` in plain
 * ASCII for the rest. Any folder a browser sent with the name is dropped, and characters that
 * cannot stand in a header or a file name are replaced.
 */
export function attachmentDisposition(originalName: string, storedName: string): string {
  // Browsers send a quote in a multipart file name as %22 (the HTML form encoding), so it is one.
  const base = originalName.split(/[\\/]/).pop()!.replaceAll('%22', '"').replace(/\p{Cc}/gu, '').trim() || storedName
  const ascii = base.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^\x20-\x7e]|["\\%]/g, '_')
  const encoded = encodeURIComponent(base).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
  return ascii === base ? `attachment; filename="${ascii}"` : `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`
}
