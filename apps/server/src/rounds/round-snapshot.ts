/**
 * The text a round reviews: the pinned matrix version cut to the round's scope (its domains
 * and roles, or all of them; archived rows left out) and, when the terms of reference are in
 * scope, their pinned version as Markdown. Both versions are fixed once the round is open,
 * so the snapshot is made once per round and kept (the newest few).
 */
import { richTextField, toExchange, yDocToMarkdown, documentFromState } from '@studio/framework'
import { ErrorCode, type RoundCommentTarget, type RoundScope, type RoundSnapshot } from '@studio/contract'
import type { History } from '../history/history.ts'
import { HttpError } from '../http/errors.ts'
import { scopeOf, type RoundRow } from './rounds.ts'

async function readVersion<T>(history: History, versionId: string, reader: (doc: ReturnType<typeof documentFromState>) => T): Promise<T> {
  const version = await history.find(versionId)
  if (!version) throw new Error(`a round names version ${versionId}, which is gone`)
  const doc = documentFromState(version.state)
  try {
    return reader(doc)
  } finally {
    doc.destroy()
  }
}

export function cutToScope(framework: ReturnType<typeof toExchange>, scope: RoundScope): Omit<RoundSnapshot, 'terms'> {
  const wantedDomain = (id: string) => scope.wholeFramework || scope.domainIds.length === 0 || scope.domainIds.includes(id)
  const wantedRole = (id: string) => scope.wholeFramework || scope.roleIds.length === 0 || scope.roleIds.includes(id)
  // Only the terms under review: no matrix at all.
  const noMatrix = !scope.wholeFramework && scope.domainIds.length === 0 && scope.roleIds.length === 0
  const roles = noMatrix ? [] : framework.roles.filter((role) => !role.archived && wantedRole(role.id)).map((role) => ({ id: role.id, name: role.name }))
  return {
    title: framework.title,
    levels: framework.levels.map((level) => ({ rank: level.rank, name: level.name })),
    roles,
    domains: noMatrix ? [] : framework.domains.filter((domain) => !domain.archived && wantedDomain(domain.id)).map((domain) => ({
      id: domain.id,
      name: domain.name,
      competencies: domain.competencies.filter((competency) => !competency.archived).map((competency) => ({
        id: competency.id,
        name: competency.name,
        description: competency.description ?? '',
        cells: roles.map((role) => ({ roleId: role.id, level: competency.expectations[role.id]?.level ?? null, note: competency.expectations[role.id]?.note ?? '' })),
      })),
    })),
  }
}

export class RoundSnapshots {
  private readonly kept = new Map<string, Promise<RoundSnapshot>>()
  private readonly history: History
  private readonly limit: number

  constructor(history: History, limit = 20) {
    this.history = history
    this.limit = limit
  }

  get(row: RoundRow): Promise<RoundSnapshot> {
    let snapshot = this.kept.get(row.id)
    if (!snapshot) {
      snapshot = this.make(row)
      snapshot.catch(() => this.kept.delete(row.id))
      this.kept.set(row.id, snapshot)
      if (this.kept.size > this.limit) this.kept.delete(this.kept.keys().next().value!)
    }
    return snapshot
  }

  private async make(row: RoundRow): Promise<RoundSnapshot> {
    const scope = scopeOf(row)
    const matrix = await readVersion(this.history, row.matrix_version_id, (doc) => cutToScope(toExchange(doc), scope))
    const terms = scope.terms && row.terms_version_id
      ? await readVersion(this.history, row.terms_version_id, (doc) => yDocToMarkdown(doc, richTextField))
      : null
    return { ...matrix, terms }
  }
}

const outsideScope = (message: string) => new HttpError(400, ErrorCode.invalid, message, [{ field: 'target', message }])

/** Checks a comment's target lies in the snapshot, and says where it is in words. */
export function placeTarget(snapshot: RoundSnapshot, target: RoundCommentTarget): string {
  const competencies = snapshot.domains.flatMap((domain) => domain.competencies)
  switch (target.kind) {
    case 'round':
      return 'The round as a whole'
    case 'competency': {
      const competency = competencies.find((one) => one.id === target.competencyId)
      if (!competency) throw outsideScope('That competency is not under review in this round. Choose one shown in the round.')
      return competency.name
    }
    case 'cell': {
      const competency = competencies.find((one) => one.id === target.competencyId)
      const role = snapshot.roles.find((one) => one.id === target.roleId)
      if (!competency || !role) throw outsideScope('That cell is not under review in this round. Choose a competency and role shown in the round.')
      return `${competency.name} × ${role.name}`
    }
    case 'passage': {
      if (snapshot.terms === null) throw outsideScope('The terms of reference are not under review in this round.')
      if (!snapshot.terms.includes(target.quote)) throw outsideScope('Quote words from the terms of reference as the round shows them.')
      return `Terms of reference: “${target.quote.length > 80 ? `${target.quote.slice(0, 79)}…` : target.quote}”`
    }
  }
}

/** Where a stored comment sits in words, for comments whose target was checked when made. */
export function targetLabel(snapshot: RoundSnapshot, target: RoundCommentTarget): string {
  try {
    return placeTarget(snapshot, target)
  } catch {
    return target.kind === 'passage' ? `Terms of reference: “${target.quote}”` : 'No longer in the round'
  }
}
