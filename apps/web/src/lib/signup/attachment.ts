/**
 * The sign-up attachment, checked in the browser before anything is sent: the same
 * extensions and size limit the server enforces (it also checks the content), so a
 * person learns at once that a file will not be accepted, and why.
 */
import { attachmentRules } from '@studio/contract'

/** For the file input's `accept`: the picker offers only files the studio takes. */
export const attachmentAccept = attachmentRules.extensions.map((extension) => `.${extension}`).join(',')

/** "doc, docx, pdf, txt, gif, jpg, jpeg or png", for hints and messages. */
export const attachmentTypesText = listInWords(attachmentRules.extensions.map((extension) => extension.toUpperCase()))

export const attachmentSizeText = formatBytes(attachmentRules.maxBytes)

/** Why this file cannot be attached, or null when it can. */
export function attachmentProblem(file: { name: string; size: number }): string | null {
  const extension = extensionOf(file.name)
  if (!extension || !(attachmentRules.extensions as readonly string[]).includes(extension)) {
    return `Choose a ${attachmentTypesText} file. “${file.name}” is not one of these.`
  }
  if (file.size > attachmentRules.maxBytes) {
    // Just over the limit would otherwise read as "is 1 MB".
    const size = formatBytes(file.size) === attachmentSizeText ? `just over ${attachmentSizeText}` : formatBytes(file.size)
    return `Choose a file of ${attachmentSizeText} or less. “${file.name}” is ${size}.`
  }
  if (file.size === 0) return `“${file.name}” is empty. Choose another file.`
  return null
}

export function extensionOf(fileName: string): string | null {
  const dot = fileName.lastIndexOf('.')
  return dot > 0 && dot < fileName.length - 1 ? fileName.slice(dot + 1).toLowerCase() : null
}

/** 1 MB, 350 KB, 512 bytes: binary units, as the limit is 1024 × 1024 bytes. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${trim(bytes / (1024 * 1024))} MB`
  if (bytes >= 1024) return `${trim(bytes / 1024)} KB`
  return bytes === 1 ? '1 byte' : `${bytes} bytes`
}

function trim(value: number): string {
  return value.toFixed(1).replace(/\.0$/, '')
}

function listInWords(items: readonly string[]): string {
  return items.length < 2 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`
}
