/**
 * What every file the studio hands out must be: a 200 with its type, an attachment under
 * its file name, never sniffed into something else; an HTML page also sandboxed, so a
 * downloaded page opened from the studio's origin can run nothing.
 */
import { expect } from 'vitest'

export function expectDownload(response: Response, expected: { type: string; fileName: string; sandboxed?: boolean }): void {
  expect(response.status).toBe(200)
  expect(response.headers.get('content-type')).toBe(expected.type)
  expect(response.headers.get('content-disposition')).toBe(`attachment; filename="${expected.fileName}"`)
  if (expected.sandboxed) {
    expect(response.headers.get('content-security-policy')).toBe('sandbox')
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
  }
}
