/**
 * A release's credits (issue 16, point 4): the people who contributed within it, by kind of
 * contribution, each named as they chose in their account (`credit`: their name, their
 * initials, or not at all). Those who chose not to be named, and former members (who can no
 * longer choose), are counted, never named. Consultation rounds add `reviewed`: whoever
 * commented in a round that closed within the release, members and outside reviewers (ids
 * `reviewer:<id>`, named by their reviewer account's own choice). `proposed` names the authors
 * of proposals accepted within the release.
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
  reviewed: 'Reviewed in a consultation round',
  proposed: 'Proposed changes the group accepted',
}

const reviewerPrefix = 'reviewer:'

/**
 * Who commented in a round that closed after `from` (the release before, exclusive; null for
 * the first release) and at or before `to` (this release): member ids and `reviewer:<id>`.
 * Read at each rendering, not kept with the release's details: an organiser may still move
 * a round's closing time.
 */
export async function reviewedBetween(store: Store, from: string | null, to: string): Promise<string[]> {
  let rounds = store.db.selectFrom('rounds').select('id').where('closes_at', '<=', to)
  if (from !== null) rounds = rounds.where('closes_at', '>', from)
  const rows = await store.db.selectFrom('round_comments').select(['member_id', 'reviewer_id']).distinct()
    .where('round_id', 'in', rounds).execute()
  return [...new Set(rows.map((row) => (row.member_id ?? `${reviewerPrefix}${row.reviewer_id}`)))].sort()
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
  const all = [...new Set(Object.values(credits).flat())]
  const ids = all.filter((id) => !id.startsWith(reviewerPrefix))
  const reviewerIds = all.filter((id) => id.startsWith(reviewerPrefix)).map((id) => id.slice(reviewerPrefix.length))
  const rows = ids.length === 0 ? [] : await store.db.selectFrom('members').select(['id', 'name', 'credit_name']).where('id', 'in', ids).execute()
  const reviewers = reviewerIds.length === 0 ? [] : await store.db.selectFrom('reviewer_accounts').select(['id', 'name', 'credit_name']).where('id', 'in', reviewerIds).execute()
  const members = new Map<string, { name: string; credit_name: string }>(rows.map((row) => [row.id, row]))
  for (const reviewer of reviewers) if (reviewer.name) members.set(`${reviewerPrefix}${reviewer.id}`, { name: reviewer.name, credit_name: reviewer.credit_name })
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
