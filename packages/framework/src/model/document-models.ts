/**
 * Which model a document follows, by its name (ARCHITECTURE.md's document table). Documents
 * clients cannot write (comments) and those with no model yet (assessments) have none: the
 * server refuses every client update to a document without a model.
 */
import { DocumentName } from '@studio/contract'
import { matrixModel } from './matrix-model.ts'
import { meetingModel } from './meeting-model.ts'
import { meetingsIndexModel } from './meetings-index-model.ts'
import { termsOfReferenceModel } from './rich-text-model.ts'
import type { DocumentModel } from './shape.ts'

export function documentModelFor(documentName: string): DocumentModel | undefined {
  if (documentName === DocumentName.competencyMatrix) return matrixModel
  if (documentName === DocumentName.meetings) return meetingsIndexModel
  if (documentName === DocumentName.termsOfReference) return termsOfReferenceModel
  if (documentName.startsWith('meeting:')) return meetingModel
  return undefined
}
