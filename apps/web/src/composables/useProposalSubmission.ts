/**
 * Making a proposal from a form (a cell, a competency, a passage): the body is checked with the
 * contract's rules before it is sent, the closing time is read on the proposer's own clock, and
 * the problems (the client's or the studio's) land beside their fields. One place, so the three
 * forms say the same things and cannot drift apart.
 */
import { CreateProposalBody, type Proposal } from '@studio/contract'
import { ref, type Ref } from 'vue'
import { ApiError } from '../api/http.ts'
import { createProposal } from '../api/proposals.ts'
import { fieldErrorsFrom, issuesToFieldErrors, type FieldErrors } from '../lib/forms/form-errors.ts'
import { instantOfWallTime } from '../lib/proposals/proposal-words.ts'

export interface ProposalDraft {
  change: unknown
  rationale: string
  /** The closing time as the proposer wrote it (datetime-local, in `zone`); empty for the default. */
  closes: string
}

export function useProposalSubmission(zone: Ref<string>) {
  const errors = ref<FieldErrors>({})
  const problem = ref<string | null>(null)
  const saving = ref(false)

  function reset(): void {
    errors.value = {}
    problem.value = null
  }

  /**
   * The proposal made, or null with its problems shown. `summary` may name the first problem
   * a person should read instead of the general sentence.
   */
  async function propose(draft: ProposalDraft, summary?: (errors: FieldErrors) => string | undefined): Promise<Proposal | null> {
    if (saving.value) return null
    problem.value = null
    const closesAt = instantOfWallTime(draft.closes, zone.value)
    const parsed = CreateProposalBody.safeParse({ change: draft.change, rationale: draft.rationale, ...(closesAt ? { closesAt } : {}) })
    if (!parsed.success) {
      errors.value = fieldErrorsFrom(issuesToFieldErrors(parsed.error.issues))
      problem.value = summary?.(errors.value) ?? 'Check the highlighted fields and try again.'
      return null
    }
    saving.value = true
    try {
      return await createProposal(parsed.data)
    } catch (error) {
      problem.value = error instanceof ApiError ? error.message : 'The proposal could not be made. Try again.'
      if (error instanceof ApiError) errors.value = fieldErrorsFrom(error.errors)
      return null
    } finally {
      saving.value = false
    }
  }

  return { errors, problem, saving, reset, propose }
}

export type ProposalSubmission = ReturnType<typeof useProposalSubmission>
