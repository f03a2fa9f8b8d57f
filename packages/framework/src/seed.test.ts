// The seed copies in packages/framework/seed must match the design folder's originals. The
// starter framework is the exception, on purpose: it is pmo-framework/v2 with descriptors and
// references for a domain (issue 15), so it must be shared's v1 file plus those and nothing else.
import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import type { ExchangeFramework } from './matrix/exchange-format.ts'
import { seedFiles } from './seed.ts'

const sharedSeed = new URL('../../../../shared/seed/', import.meta.url)
const hasShared = existsSync(fileURLToPath(sharedSeed))
if (!hasShared) console.warn('shared/seed is not beside the repository: the seed drift check is skipped.')

const fileNameOf = (url: URL) => fileURLToPath(url).split('/').pop()!

/** The v2 starter as v1: what v2 adds taken away. */
function asV1(framework: ExchangeFramework): ExchangeFramework {
  return {
    ...framework,
    format: 'pmo-framework/v1',
    domains: framework.domains.map((domain) => ({
      ...domain,
      competencies: domain.competencies.map(({ descriptors: _descriptors, references: _references, ...competency }) => competency),
    })),
  }
}

describe.skipIf(!hasShared)('the seed copies', () => {
  const { starterFramework, frameworkSchemaV2: _own, ...verbatim } = seedFiles
  it.each(Object.entries(verbatim))('%s matches shared/seed', (_name, url) => {
    expect(readFileSync(url, 'utf8')).toBe(readFileSync(new URL(fileNameOf(url), sharedSeed), 'utf8'))
  })

  it('the starter framework is shared\'s, with descriptors and references added and nothing else changed', () => {
    const copy = JSON.parse(readFileSync(starterFramework, 'utf8')) as ExchangeFramework
    const shared = JSON.parse(readFileSync(new URL(fileNameOf(starterFramework), sharedSeed), 'utf8')) as ExchangeFramework
    expect(copy.format).toBe('pmo-framework/v2')
    expect(asV1(copy)).toEqual(shared)
    expect(copy.domains.some((domain) => domain.competencies.every((competency) => Object.keys(competency.descriptors ?? {}).length > 0))).toBe(true)
  })
})
