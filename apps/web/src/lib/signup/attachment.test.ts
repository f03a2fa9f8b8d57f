import { attachmentRules } from '@studio/contract'
import { describe, expect, it } from 'vitest'
import { attachmentAccept, attachmentProblem, extensionOf, formatBytes } from './attachment.ts'

describe('attachmentProblem', () => {
  it('accepts every allowed extension in any case, up to the size limit', () => {
    for (const extension of attachmentRules.extensions) {
      expect(attachmentProblem({ name: `cv.${extension.toUpperCase()}`, size: attachmentRules.maxBytes })).toBeNull()
    }
  })

  it('refuses a file over 1 MB and says how big it is', () => {
    expect(attachmentProblem({ name: 'framework.pdf', size: attachmentRules.maxBytes + 1 })).toBe(
      'Choose a file of 1 MB or less. “framework.pdf” is just over 1 MB.',
    )
    expect(attachmentProblem({ name: 'framework.pdf', size: 3 * 1024 * 1024 })).toContain('is 3 MB')
  })

  it('refuses other types and files without an extension', () => {
    for (const name of ['tool.exe', 'page.html', 'README', '.pdf', 'archive.pdf.zip']) {
      expect(attachmentProblem({ name, size: 10 })).toMatch(/^Choose a DOC, DOCX, PDF, TXT, GIF, JPG, JPEG or PNG file\./)
    }
  })

  it('refuses an empty file', () => {
    expect(attachmentProblem({ name: 'empty.txt', size: 0 })).toBe('“empty.txt” is empty. Choose another file.')
  })
})

describe('helpers', () => {
  it('reads the extension after the last dot', () => {
    expect(extensionOf('my.cv.DOCX')).toBe('docx')
    expect(extensionOf('noextension')).toBeNull()
    expect(extensionOf('trailing.')).toBeNull()
  })

  it('writes sizes in binary units', () => {
    expect(formatBytes(1)).toBe('1 byte')
    expect(formatBytes(512)).toBe('512 bytes')
    expect(formatBytes(1536)).toBe('1.5 KB')
    expect(formatBytes(1024 * 1024)).toBe('1 MB')
  })

  it('offers exactly the allowed extensions to the file picker', () => {
    expect(attachmentAccept).toBe('.doc,.docx,.pdf,.txt,.gif,.jpg,.jpeg,.png')
  })
})
