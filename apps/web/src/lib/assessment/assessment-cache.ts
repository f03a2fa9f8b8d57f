/**
 * The last answer of GET /api/assessment kept on this device, so the assessment opens offline
 * (its ratings come from the document's own local copy). Keyed by member, and forgotten with
 * the other local copies when they sign out on this device.
 */
import type { MyAssessment } from '@studio/contract'

const key = (memberId: string) => `studio:assessment:${memberId}`

export function rememberAssessment(memberId: string, assessment: MyAssessment): void {
  try {
    localStorage.setItem(key(memberId), JSON.stringify(assessment))
  } catch {
    // A full or disabled storage only costs the offline copy.
  }
}

export function rememberedAssessment(memberId: string): MyAssessment | null {
  try {
    const stored = localStorage.getItem(key(memberId))
    return stored ? (JSON.parse(stored) as MyAssessment) : null
  } catch {
    return null
  }
}

export function forgetAssessment(memberId: string): void {
  try {
    localStorage.removeItem(key(memberId))
  } catch {
    // Nothing kept, nothing to forget.
  }
}
