/**
 * A member's self-assessment (`assessment:<memberId>`, private to them): per competency of
 * the release they assess against, the level they give themselves, the indicators they meet
 * and their evidence. Flat top-level maps keyed by ids, like the matrix, so an edit made
 * offline on one device and another made on a second device touch different keys and both
 * survive:
 *
 * - `levels`: competencyId -> rank (a level of the release's scale) or null (not rated)
 * - `met`: `<competencyId>|<indicatorId>` -> true (ticked) or false
 * - `review`: competencyId -> true while a rating carried from an older release, where the
 *   competency changed, waits to be looked at again (carry.ts); rating it again clears it
 * - `evidence:<competencyId>`: Y.Text, the member's evidence note
 *
 * This module is the only code that touches those types (model/assessment-model.ts checks them).
 */
import type * as Y from 'yjs'

export const assessmentRoots = { levels: 'levels', met: 'met', review: 'review' } as const
export const evidencePrefix = 'evidence:'
export const assessmentLimits = { evidence: 4000, met: 4000, ratings: 2000 } as const

export const metKey = (competencyId: string, indicatorId: string): string => `${competencyId}|${indicatorId}`

/** One competency's rating as the assessment holds it. */
export interface Rating {
  level: number | null
  /** Ids of the indicators ticked as met. */
  met: string[]
  evidence: string
  /** Carried from an older release where the competency changed: to be looked at again. */
  review: boolean
}

export const emptyRating = (): Rating => ({ level: null, met: [], evidence: '', review: false })

const levelsOf = (doc: Y.Doc) => doc.getMap<unknown>(assessmentRoots.levels)
const metOf = (doc: Y.Doc) => doc.getMap<unknown>(assessmentRoots.met)
const reviewOf = (doc: Y.Doc) => doc.getMap<unknown>(assessmentRoots.review)
export const evidenceText = (doc: Y.Doc, competencyId: string): Y.Text => doc.getText(evidencePrefix + competencyId)

/** Every competency the assessment says anything about, with what it says. */
export function readRatings(doc: Y.Doc): Map<string, Rating> {
  const ratings = new Map<string, Rating>()
  const rating = (id: string) => {
    let found = ratings.get(id)
    if (!found) ratings.set(id, (found = emptyRating()))
    return found
  }
  levelsOf(doc).forEach((level, id) => {
    if (level === null || Number.isSafeInteger(level)) rating(id).level = level as number | null
  })
  metOf(doc).forEach((ticked, key) => {
    const bar = key.indexOf('|')
    if (ticked === true && bar > 0) rating(key.slice(0, bar)).met.push(key.slice(bar + 1))
  })
  reviewOf(doc).forEach((flagged, id) => {
    if (flagged === true) rating(id).review = true
  })
  for (const name of doc.share.keys()) {
    if (!name.startsWith(evidencePrefix)) continue
    const text = evidenceText(doc, name.slice(evidencePrefix.length)).toString()
    if (text.length > 0) rating(name.slice(evidencePrefix.length)).evidence = text
  }
  for (const entry of ratings.values()) entry.met.sort()
  return ratings
}

/** Rates a competency (null: not rated); rating it again means it has been looked at since a carry. */
export function setRating(doc: Y.Doc, competencyId: string, level: number | null, origin?: unknown): void {
  doc.transact(() => {
    levelsOf(doc).set(competencyId, level)
    if (reviewOf(doc).get(competencyId) === true) reviewOf(doc).set(competencyId, false)
  }, origin)
}

export function setIndicatorMet(doc: Y.Doc, competencyId: string, indicatorId: string, met: boolean, origin?: unknown): void {
  doc.transact(() => metOf(doc).set(metKey(competencyId, indicatorId), met), origin)
}

export function setReview(doc: Y.Doc, competencyId: string, review: boolean, origin?: unknown): void {
  doc.transact(() => reviewOf(doc).set(competencyId, review), origin)
}

/** Replaces the evidence note with `text` (the editor binds to evidenceText for live typing). */
export function setEvidence(doc: Y.Doc, competencyId: string, text: string, origin?: unknown): void {
  const target = evidenceText(doc, competencyId)
  if (target.toString() === text) return
  doc.transact(() => {
    target.delete(0, target.length)
    target.insert(0, text)
  }, origin)
}

/** Forgets what the assessment says about a competency (a carry to a release without it keeps it; this is for a reset). */
export function clearRating(doc: Y.Doc, competencyId: string, origin?: unknown): void {
  doc.transact(() => {
    levelsOf(doc).delete(competencyId)
    reviewOf(doc).delete(competencyId)
    for (const key of [...metOf(doc).keys()]) if (key.startsWith(`${competencyId}|`)) metOf(doc).delete(key)
    const evidence = evidenceText(doc, competencyId)
    if (evidence.length > 0) evidence.delete(0, evidence.length)
  }, origin)
}

/** Whether the assessment holds any rating, tick or note at all. */
export function hasAnyRating(doc: Y.Doc): boolean {
  return [...readRatings(doc).values()].some((rating) => rating.level !== null || rating.met.length > 0 || rating.evidence.length > 0)
}
