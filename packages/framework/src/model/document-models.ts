/**
 * Which model a document follows, by its name (ARCHITECTURE.md's document table). Documents
 * clients cannot write (comments) have none: the server refuses every client update to a
 * document without a model. An assessment's levels are checked against a release's scale
 * by the server, which knows the release (assessmentModel(ranks)); this one takes any level
 * from 0 to 99.
 */
import { DocumentName } from '@studio/contract'
import { assessmentModel } from './assessment-model.ts'
import { matrixModel } from './matrix-model.ts'
import { meetingModel } from './meeting-model.ts'
import { meetingsIndexModel } from './meetings-index-model.ts'
import { termsOfReferenceModel } from './rich-text-model.ts'
import type { DocumentModel } from './shape.ts'

const assessmentPrefix = 'assessment:'
const anyAssessment = assessmentModel()

export function documentModelFor(documentName: string): DocumentModel | undefined {
  if (documentName === DocumentName.competencyMatrix) return matrixModel
  if (documentName === DocumentName.meetings) return meetingsIndexModel
  if (documentName === DocumentName.termsOfReference) return termsOfReferenceModel
  if (documentName.startsWith('meeting:')) return meetingModel
  if (documentName.startsWith(assessmentPrefix) && documentName.length > assessmentPrefix.length) return anyAssessment
  return undefined
}
