/**
 * Proposals in words: statuses, what a proposal changes (old and new, field by field), and
 * closing times on the reader's own clock (their account's zone), with a wall time for the
 * closing-time field and back.
 */
import type { Proposal, ProposalStatus, ProposalValues } from '@studio/contract'
import { wallTimeToInstant, zoneLabel, zoneOffsetMinutes } from '@studio/framework'
import { formatDateTime } from '../time/format-time.ts'

export const statusLabels: Record<ProposalStatus, string> = {
  open: 'Open',
  accepted: 'Accepted',
  rejected: 'Rejected',
  withdrawn: 'Withdrawn',
  'on-agenda': 'On a meeting’s agenda',
  'awaiting-meeting': 'Waiting for a meeting',
}

export interface ChangedField {
  label: string
  before: string
  after: string
}

const levelWords = (level: number | null | undefined, levelNames: ReadonlyMap<number, string>) =>
  level === null || level === undefined ? 'No level' : `${level} ${levelNames.get(level) ?? ''}`.trim()

const descriptorWords = (descriptor: { summary: string; indicators: string[] } | undefined) =>
  descriptor ? [descriptor.summary, ...descriptor.indicators.map((indicator) => `• ${indicator}`)].filter(Boolean).join('\n') : ''

/** The fields a proposal changes, each with its old and new value, in the order a reader expects. */
export function changedFields(proposal: Pick<Proposal, 'kind' | 'before' | 'after'>, levelNames: ReadonlyMap<number, string>): ChangedField[] {
  const { before, after } = proposal
  const fields: ChangedField[] = []
  const add = (label: string, key: keyof ProposalValues, words: (values: ProposalValues) => string) => {
    if (after[key] === undefined) return
    fields.push({ label, before: words(before), after: words(after) })
  }
  if (proposal.kind === 'cell') {
    add('Level', 'level', (values) => levelWords(values.level, levelNames))
    add('Note', 'note', (values) => values.note ?? '')
  } else if (proposal.kind === 'competency') {
    add('Name', 'name', (values) => values.name ?? '')
    add('Description', 'description', (values) => values.description ?? '')
    fields.push(...descriptorFields(proposal, levelNames))
  } else {
    add('Words', 'text', (values) => values.text ?? '')
  }
  return fields
}

/** A competency proposal's level descriptors, each level with its summary and indicators old and new. */
export function descriptorFields(proposal: Pick<Proposal, 'before' | 'after'>, levelNames: ReadonlyMap<number, string>): ChangedField[] {
  return (proposal.after.descriptors ?? []).map((descriptor) => {
    const old = proposal.before.descriptors?.find((candidate) => candidate.rank === descriptor.rank)
    return { label: `Level ${levelWords(descriptor.rank, levelNames)}`, before: descriptorWords(old), after: descriptorWords(descriptor) }
  })
}

/** "Closes 4 Mar, 17:00 London time" or "Closed 4 Mar, 17:00 London time". */
export function closingText(closesAt: string, timeZone: string, now: Date): string {
  const when = `${formatDateTime(closesAt, timeZone, now)} ${zoneLabel(timeZone)} time`
  return new Date(closesAt).getTime() > now.getTime() ? `Closes ${when}` : `Closed ${when}`
}

/** The wall time ('YYYY-MM-DDTHH:mm') in `timeZone` of an instant, for a datetime-local field. */
export function wallTimeOf(instant: Date, timeZone: string): string {
  const shifted = new Date(instant.getTime() + zoneOffsetMinutes(timeZone, instant.getTime()) * 60_000)
  return shifted.toISOString().slice(0, 16)
}

/** The ISO instant of a wall time in `timeZone`, or null when the field holds no real date. */
export function instantOfWallTime(wall: string, timeZone: string): string | null {
  try {
    return wallTimeToInstant(wall, timeZone).toISOString()
  } catch {
    return null
  }
}

/** Open proposals per target (`<competencyId>|<roleId>[|<pmoTypeId>]`, or a competency's id). */
export function openByTarget(proposals: readonly Proposal[]): Map<string, Proposal[]> {
  const byTarget = new Map<string, Proposal[]>()
  for (const proposal of proposals) {
    if (proposal.status !== 'open') continue
    byTarget.set(proposal.target, [...(byTarget.get(proposal.target) ?? []), proposal])
  }
  return byTarget
}
