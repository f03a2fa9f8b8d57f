/**
 * A release's credits (issue 16, point 4): the people who contributed within it, by kind of
 * contribution, each named as they chose in their account (`credit`: their name, their
 * initials, or not at all). Those who chose not to be named, and former members (who can no
 * longer choose), are counted, never named. Proposals and consultation rounds will add their
 * kinds (`proposed`, `reviewed`) beside the history's.
 */
import type { ContributionKind, CreditChoice } from '@studio/contract'
import type { Store } from '../store/database.ts'

export interface CreditGroup {
  kind: ContributionKind
  /** "Changed the competency matrix". */
  label: string
  /** Names as each person chose, sorted. */
  named: string[]
  /** People credited here who chose not to be named (or whose account is gone). */
  unnamed: number
}

export const contributionLabels: Record<ContributionKind, string> = {
  matrix: 'Changed the competency matrix',
  terms: 'Changed the terms of reference',
}

/** "Olga van der Berg" → "O. v. d. B.": the first letter of each word of the name. */
export function initialsOf(name: string): string {
  return name.trim().split(/\s+/u).filter(Boolean).map((word) => `${[...word][0]!}.`).join(' ')
}

export function creditedName(name: string, choice: CreditChoice): string | null {
  if (choice === 'none') return null
  return choice === 'initials' ? initialsOf(name) : name
}

export async function creditGroups(store: Store, credits: Record<ContributionKind, string[]>): Promise<CreditGroup[]> {
  const ids = [...new Set(Object.values(credits).flat())]
  const rows = ids.length === 0 ? [] : await store.db.selectFrom('members').select(['id', 'name', 'credit_name']).where('id', 'in', ids).execute()
  const members = new Map(rows.map((row) => [row.id, row]))
  const groups: CreditGroup[] = []
  for (const [kind, people] of Object.entries(credits) as Array<[ContributionKind, string[]]>) {
    if (people.length === 0) continue
    const named: string[] = []
    let unnamed = 0
    for (const id of people) {
      const member = members.get(id)
      const shown = member ? creditedName(member.name, member.credit_name as CreditChoice) : null
      if (shown) named.push(shown)
      else unnamed++
    }
    groups.push({ kind, label: contributionLabels[kind], named: named.sort((a, b) => a.localeCompare(b, 'en')), unnamed })
  }
  return groups
}
