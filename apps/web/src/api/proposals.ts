/** Proposals (issue 16): listing, proposing, responding, withdrawing and organisers' decisions. */
import {
  proposalPaths, type CreateProposalInput, type Proposal, type ProposalDecisionBody, type ProposalEnvelope, type ProposalFilter,
  type ProposalList, type ProposalStance,
} from '@studio/contract'
import { http } from './http.ts'

export async function fetchProposals(filter: Partial<ProposalFilter> = {}): Promise<Proposal[]> {
  return (await fetchProposalList(filter)).proposals
}

/** The proposals with the matrix's scale, so their levels read as names. */
export async function fetchProposalList(filter: Partial<ProposalFilter> = {}): Promise<ProposalList> {
  const query = new URLSearchParams(Object.entries(filter).filter((entry): entry is [string, string] => typeof entry[1] === 'string'))
  const suffix = query.size > 0 ? `?${query}` : ''
  return http.get<ProposalList>(`${proposalPaths.list}${suffix}`)
}

export async function fetchProposal(id: string): Promise<Proposal> {
  return (await http.get<ProposalEnvelope>(proposalPaths.one(id))).proposal
}

export async function createProposal(body: CreateProposalInput): Promise<Proposal> {
  return (await http.post<ProposalEnvelope>(proposalPaths.list, body)).proposal
}

export async function respondToProposal(id: string, stance: ProposalStance, reason: string): Promise<Proposal> {
  return (await http.post<ProposalEnvelope>(proposalPaths.responses(id), { stance, reason })).proposal
}

export async function withdrawProposal(id: string): Promise<Proposal> {
  return (await http.post<ProposalEnvelope>(proposalPaths.withdraw(id))).proposal
}

export async function decideProposal(id: string, body: { outcome: ProposalDecisionBody['outcome']; note?: string }): Promise<Proposal> {
  return (await http.post<ProposalEnvelope>(proposalPaths.decision(id), body)).proposal
}
