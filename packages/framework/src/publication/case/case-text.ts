/**
 * The few things CASE has no field for, written as fixed sentences in the fields it has, so a
 * reader sees them and the studio reads them back (case-import.ts): a role's expected level
 * in a rubric criterion's description, a descriptor's indicators under its summary, the
 * scale's level descriptions in the document's notes, and which role and PMO type an
 * override rubric belongs to.
 */
import type { ExchangeDescriptor, ExchangeExpectation, ExchangeFramework } from '../../matrix/exchange-format.ts'

const expectedPrefix = 'Expected level: '
const noLevelYet = 'none yet'
const notePrefix = 'Note: '
export const noExpectation = 'No expected level set for this role.'

export function criterionDescription(expectation: ExchangeExpectation | undefined, levels: ExchangeFramework['levels']): string {
  if (!expectation) return noExpectation
  const level = levels.find((candidate) => candidate.rank === expectation.level)
  const expected = expectation.level === null ? noLevelYet : `${expectation.level}${level ? ` (${level.name})` : ''}`
  const note = expectation.note?.trim() ? `\n${notePrefix}${oneLine(expectation.note)}` : ''
  return `${expectedPrefix}${expected}.${note}`
}

/** The expectation a criterion's description states, or undefined where it states none. */
export function expectationFromCriterion(description: string | undefined): ExchangeExpectation | undefined {
  const [first = '', ...rest] = (description ?? '').split('\n')
  if (!first.startsWith(expectedPrefix)) return undefined
  const stated = first.slice(expectedPrefix.length)
  const rank = /^(\d+)\b/.exec(stated)
  if (!rank && !stated.startsWith(noLevelYet)) return undefined
  const noteLine = rest.find((line) => line.startsWith(notePrefix))
  return { level: rank ? Number(rank[1]) : null, ...(noteLine ? { note: noteLine.slice(notePrefix.length) } : {}) }
}

const indicatorBullet = '- '

export function descriptorText(descriptor: ExchangeDescriptor): string {
  return [oneLine(descriptor.summary), ...descriptor.indicators.map((indicator) => indicatorBullet + oneLine(indicator))].filter(Boolean).join('\n')
}

export function descriptorFromText(text: string | undefined): ExchangeDescriptor | undefined {
  const lines = (text ?? '').split('\n').map((line) => line.trim()).filter(Boolean)
  if (lines.length === 0) return undefined
  const indicators = lines.filter((line) => line.startsWith(indicatorBullet)).map((line) => line.slice(indicatorBullet.length).trim())
  const summary = lines.filter((line) => !line.startsWith(indicatorBullet)).join(' ')
  return { summary, indicators }
}

const levelLine = /^Level (\d+): (.*)$/

export function scaleNotes(levels: ExchangeFramework['levels']): string {
  const described = levels.filter((level) => level.description?.trim())
  if (described.length === 0) return ''
  return ['The scale, as each rubric criterion\'s levels score it:', ...described.map((level) => `Level ${level.rank}: ${oneLine(level.description ?? '')}`)].join('\n')
}

export function levelDescriptionsFromNotes(notes: string | undefined): Map<number, string> {
  const descriptions = new Map<number, string>()
  for (const line of (notes ?? '').split('\n')) {
    const match = levelLine.exec(line.trim())
    if (match) descriptions.set(Number(match[1]), match[2]!)
  }
  return descriptions
}

export function overrideRubricDescription(pmoTypeName: string, pmoTypeIdentifier: string, roleRubricIdentifier: string): string {
  return `Expected levels where the PMO is a ${oneLine(pmoTypeName)}, overriding the role's general rubric.\nPMO type: ${pmoTypeIdentifier}\nOverrides rubric: ${roleRubricIdentifier}`
}

export function overrideOf(description: string | undefined): { pmoType: string; rubric: string } | undefined {
  const pmoType = /^PMO type: ([0-9a-f-]{36})$/m.exec(description ?? '')
  const rubric = /^Overrides rubric: ([0-9a-f-]{36})$/m.exec(description ?? '')
  return pmoType && rubric ? { pmoType: pmoType[1]!, rubric: rubric[1]! } : undefined
}

/** Newlines would break the line-based forms above. */
function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim()
}

/** The description that marks a grouping of close matches: CASE 1.0 has only `isRelatedTo` for them. */
export const closeMatchGrouping = (scheme: string) => `Close matches in ${scheme}`
