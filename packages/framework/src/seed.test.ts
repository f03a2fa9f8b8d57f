// The seed copies in packages/framework/seed must match the design folder's originals.
import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { seedFiles } from './seed.ts'

const sharedSeed = new URL('../../../../shared/seed/', import.meta.url)
const hasShared = existsSync(fileURLToPath(sharedSeed))
if (!hasShared) console.warn('shared/seed is not beside the repository: the seed drift check is skipped.')

describe.skipIf(!hasShared)('the seed copies', () => {
  it.each(Object.entries(seedFiles))('%s matches shared/seed', (_name, url) => {
    const fileName = fileURLToPath(url).split('/').pop()!
    expect(readFileSync(url, 'utf8')).toBe(readFileSync(new URL(fileName, sharedSeed), 'utf8'))
  })
})
