/**
 * The form that adds a reference to another framework's item: its draft, and the checks the
 * server's model makes (model/matrix-model.ts), run before writing so a person reads what to
 * fix instead of the connection being refused. The limits come from the framework package,
 * so the form and the server never disagree.
 */
import { descriptorLimits, isWebAddress, referenceRelations, type Reference, type ReferenceFields, type Relation } from '@studio/framework'

export interface ReferenceDraft {
  scheme: string
  code: string
  title: string
  uri: string
  relation: Relation | ''
}

export type ReferenceErrors = Partial<Record<keyof ReferenceDraft | 'form', string>>

export const emptyReferenceDraft = (): ReferenceDraft => ({ scheme: '', code: '', title: '', uri: '', relation: 'related' })

export const relationLabels: Record<Relation, string> = { exact: 'Exact match', close: 'Close match', related: 'Related' }

export const relationOptions = referenceRelations.map((relation) => ({ value: relation, label: relationLabels[relation] }))

function tooLong(value: string, most: number, what: string): string | undefined {
  return value.length > most ? `${what} can be at most ${most} characters; it has ${value.length}.` : undefined
}

/** What is wrong with a draft, field by field, with the words to fix it; `{}` when it can be added. */
export function referenceErrors(draft: ReferenceDraft, existing: number): ReferenceErrors {
  const errors: ReferenceErrors = {}
  const scheme = draft.scheme.trim()
  const uri = draft.uri.trim()
  if (existing >= descriptorLimits.references) errors.form = `A competency holds at most ${descriptorLimits.references} references. Remove one first.`
  if (!scheme) errors.scheme = 'Enter the framework the item is in, such as SFIA 9, APM or ESCO.'
  else errors.scheme = tooLong(scheme, descriptorLimits.scheme, 'The framework')
  errors.code = tooLong(draft.code.trim(), descriptorLimits.code, 'The code')
  errors.title = tooLong(draft.title.trim(), descriptorLimits.title, 'The title')
  if (uri && !isWebAddress(uri)) {
    errors.uri =
      uri.length > descriptorLimits.uri
        ? `The address can be at most ${descriptorLimits.uri} characters.`
        : 'Enter a web address starting with https:// or http://, or leave it empty.'
  }
  if (!(referenceRelations as readonly string[]).includes(draft.relation)) errors.relation = 'Choose how close the item is: exact, close or related.'
  for (const key of Object.keys(errors) as Array<keyof ReferenceErrors>) if (errors[key] === undefined) delete errors[key]
  return errors
}

/** The draft as the operation's fields, once referenceErrors found nothing. */
export function referenceFieldsOf(draft: ReferenceDraft): ReferenceFields {
  return { scheme: draft.scheme.trim(), code: draft.code.trim(), title: draft.title.trim(), uri: draft.uri.trim(), relation: draft.relation as Relation }
}

/** How a reference reads in a list: "SFIA 9 PROF: Portfolio, programme and project support". */
export function referenceName(reference: Pick<Reference, 'scheme' | 'code' | 'title'>): string {
  const head = [reference.scheme, reference.code].filter(Boolean).join(' ')
  return reference.title ? `${head}: ${reference.title}` : head
}
