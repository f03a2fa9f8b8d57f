/**
 * Collaborative document names and who may write them: ARCHITECTURE.md's document table.
 * The server enforces this; the web app uses it only to show read-only views.
 */
import type { Role } from './members.ts'

export const DocumentName = {
  termsOfReference: 'terms-of-reference',
  competencyMatrix: 'competency-matrix',
  meetings: 'meetings',
} as const

export type DocumentAccess = 'write' | 'read' | 'none'

const meetingPrefix = 'meeting:'
const assessmentPrefix = 'assessment:'
const commentsPrefix = 'comments:'

/** What a member with `role` (and id `memberId`) may do with document `name`. */
export function documentAccess(name: string, role: Role, memberId: string): DocumentAccess {
  if (name === DocumentName.termsOfReference || name === DocumentName.competencyMatrix) {
    return role === 'observer' ? 'read' : 'write'
  }
  if (name === DocumentName.meetings) return role === 'organiser' ? 'write' : 'read'
  if (name.startsWith(meetingPrefix) && isId(name.slice(meetingPrefix.length))) {
    return role === 'observer' ? 'read' : 'write'
  }
  if (name.startsWith(assessmentPrefix)) {
    return name.slice(assessmentPrefix.length) === memberId ? 'write' : 'none'
  }
  if (name.startsWith(commentsPrefix) && isCommentable(name.slice(commentsPrefix.length))) {
    return 'read'
  }
  return 'none'
}

/** Comments attach to the shared documents; assessments are private, so they have none. */
export function isCommentable(documentName: string): boolean {
  if (documentName.startsWith(commentsPrefix) || documentName.startsWith(assessmentPrefix)) return false
  return documentAccess(documentName, 'organiser', '') !== 'none'
}

function isId(id: string): boolean {
  return /^[A-Za-z0-9_-]{1,64}$/.test(id)
}
