/**
 * Helpers for the membership API suites: JSON calls with the studio's Origin, the
 * multipart sign-up form, the mail outbox (DATA_DIR/outbox without SMTP_URL), and small
 * genuine files (PDF, PNG, zip, docx) built by hand so their content is what file-type sees.
 */
import type { ErrorBody } from '@studio/contract'
import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { crc32, deflateSync } from 'node:zlib'
import type { StoreTarget } from './stores.ts'
import type { RunningStudio } from './studio.ts'

export interface Call {
  cookie?: string
  /** The Origin header; the studio's own unless given, none when null. */
  origin?: string | null
  body?: unknown
}

/** A request with a JSON body (when given), the studio's Origin and an optional cookie. */
export function call(running: RunningStudio, method: string, urlPath: string, options: Call = {}): Promise<Response> {
  const headers: Record<string, string> = {}
  const origin = options.origin === undefined ? running.origin : options.origin
  if (origin !== null) headers.origin = origin
  if (options.cookie) headers.cookie = options.cookie
  if (options.body !== undefined) headers['content-type'] = 'application/json'
  return fetch(`${running.url}${urlPath}`, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) })
}

/** The `studio_session=<token>` pair a response sets, if any. */
export function sessionCookie(response: Response): string | undefined {
  return response.headers.getSetCookie().find((cookie) => cookie.startsWith('studio_session='))?.split(';')[0]
}

export function cookiePair(response: Response): string {
  const cookie = sessionCookie(response)
  if (!cookie) throw new Error(`No session cookie in the ${response.status} response`)
  return cookie
}

export async function errorOf(response: Response): Promise<ErrorBody> {
  return (await response.json()) as ErrorBody
}

export const applicantPassword = 'an applicant password of some length'

/** Every required sign-up field, valid, for `name` (email derived from it unless given). */
export function applicantFields(name: string, extra: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  return {
    name,
    email: `${name.toLowerCase().replace(/\W+/g, '.')}@applicants.example`,
    password: applicantPassword,
    timezone: 'America/Chicago',
    attendance: 'remote',
    consent: 'yes',
    ...extra,
  }
}

export interface Upload {
  fileName: string
  data: Uint8Array | string
  type?: string
}

/** The multipart form a browser sends: repeated fields for arrays, the file last. */
export function signupForm(fields: Record<string, string | string[] | undefined>, upload?: Upload): FormData {
  const form = new FormData()
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue
    for (const item of Array.isArray(value) ? value : [value]) form.append(key, item)
  }
  if (upload) {
    const bytes = typeof upload.data === 'string' ? Buffer.from(upload.data, 'utf8') : upload.data
    // A copy in a plain ArrayBuffer: Blob does not take views of shared memory.
    form.append('attachment', new Blob([new Uint8Array(bytes).buffer as ArrayBuffer], { type: upload.type ?? 'application/octet-stream' }), upload.fileName)
  }
  return form
}

/** POST /api/signup as multipart (fetch sets the content type and boundary). */
export function postSignup(running: RunningStudio, fields: Record<string, string | string[] | undefined>, upload?: Upload): Promise<Response> {
  return fetch(`${running.url}/api/signup`, { method: 'POST', headers: { origin: running.origin }, body: signupForm(fields, upload) })
}

export interface OutboxMail {
  from: string
  to: string
  subject: string
  text: string
}

/** Every message written to the outbox so far, after the mailer has finished its queue. */
export async function readOutbox(running: RunningStudio, store: StoreTarget): Promise<OutboxMail[]> {
  await running.studio.mailer.idle()
  const directory = path.join(store.dataDir, 'outbox')
  const names = await readdir(directory).catch(() => [] as string[])
  const mails: OutboxMail[] = []
  for (const name of names.filter((file) => file.endsWith('.json')).sort()) {
    mails.push(JSON.parse(await readFile(path.join(directory, name), 'utf8')) as OutboxMail)
  }
  return mails
}

// Small genuine files.

export function pdfBytes(): Buffer {
  return Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n', 'latin1')
}

function pngChunk(type: string, data: Buffer): Buffer {
  const typeAndData = Buffer.concat([Buffer.from(type, 'latin1'), data])
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(typeAndData))
  return Buffer.concat([length, typeAndData, crc])
}

/** A valid 1x1 RGB PNG. */
export function pngBytes(): Buffer {
  const header = Buffer.alloc(13)
  header.writeUInt32BE(1, 0) // width
  header.writeUInt32BE(1, 4) // height
  header.set([8, 2, 0, 0, 0], 8) // 8-bit RGB, deflate, no filter, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(Buffer.from([0, 0x33, 0x66, 0x99]))),
    pngChunk('IEND', Buffer.alloc(0)),
  ])
}

/** A zip of stored (uncompressed) entries, local headers then the central directory. */
export function zipBytes(entries: Array<{ name: string; data: string | Buffer }>): Buffer {
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  let offset = 0
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8')
    const data = typeof entry.data === 'string' ? Buffer.from(entry.data, 'utf8') : entry.data
    const crc = crc32(data)
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4) // version needed
    local.writeUInt16LE(0x21, 12) // date: 1980-01-01
    local.writeUInt32LE(crc, 14)
    local.writeUInt32LE(data.length, 18)
    local.writeUInt32LE(data.length, 22)
    local.writeUInt16LE(name.length, 26)
    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE(20, 4) // made by
    central.writeUInt16LE(20, 6) // needed
    central.writeUInt16LE(0x21, 14)
    central.writeUInt32LE(crc, 16)
    central.writeUInt32LE(data.length, 20)
    central.writeUInt32LE(data.length, 24)
    central.writeUInt16LE(name.length, 28)
    central.writeUInt32LE(offset, 42)
    locals.push(local, name, data)
    centrals.push(central, name)
    offset += local.length + name.length + data.length
  }
  const directory = Buffer.concat(centrals)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(entries.length, 8)
  end.writeUInt16LE(entries.length, 10)
  end.writeUInt32LE(directory.length, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...locals, directory, end])
}

const wordMainType = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml'

/** [Content_Types].xml declaring a Word document; `override` names the part as real files do. */
export function wordContentTypes(override = false): string {
  return '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    (override ? `<Override PartName="/word/document.xml" ContentType="${wordMainType}"/>` : `<Default Extension="main" ContentType="${wordMainType}"/>`) +
    '</Types>'
}

/** A minimal Word document: content types plus word/document.xml. */
export function docxBytes(): Buffer {
  return zipBytes([
    { name: '[Content_Types].xml', data: wordContentTypes(true) },
    { name: 'word/document.xml', data: '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>CV</w:t></w:r></w:p></w:body></w:document>' },
  ])
}
