/**
 * Proposals over the API (issue 16, point 1). Every approved member reads them and responds
 * (observers too: a response is a view, as a comment is); writers (organisers and
 * contributors) propose; the proposer or an organiser withdraws; organisers decide early or
 * after the meeting. Access is decided before the body is read, so a stranger hears 401 or
 * 403, never the field rules.
 */
import {
  CreateProposalBody, ProposalDecisionBody, ProposalEnvelope, ProposalFilter, ProposalIdParams, ProposalList,
  ProposalResponseBody, proposalPaths,
} from '@studio/contract'
import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { approvedMember, approvedOnly } from '../accounts/authentication.ts'
import { withErrors } from '../http/route-schemas.ts'
import type { ProposalsService } from './proposals.ts'

export function registerProposalRoutes(app: FastifyInstance, proposals: ProposalsService): void {
  const routes = app.withTypeProvider<ZodTypeProvider>()

  routes.get(proposalPaths.list, {
    preValidation: approvedOnly(),
    schema: {
      summary: 'Proposals, newest first, filtered by status (a status, decided, undecided or all), kind and document. Any approved member.',
      querystring: ProposalFilter,
      response: withErrors({ 200: ProposalList }),
    },
  }, async (request) => ({ proposals: await proposals.list(request.query), levels: await proposals.levels() }))

  routes.post(proposalPaths.list, {
    preValidation: approvedOnly(['organiser', 'contributor']),
    schema: {
      summary: 'Proposes a change to a matrix cell, a competency or a passage of the terms of reference, with a rationale and a closing time (72 hours by default). Organisers and contributors.',
      body: CreateProposalBody,
      response: withErrors({ 201: ProposalEnvelope }),
    },
  }, async (request, reply) => reply.status(201).send({ proposal: await proposals.create(approvedMember(request), request.body) }))

  routes.get('/api/proposals/:id', {
    preValidation: approvedOnly(),
    schema: { summary: 'One proposal, with every response. Any approved member.', params: ProposalIdParams, response: withErrors({ 200: ProposalEnvelope }) },
  }, async (request) => ({ proposal: await proposals.get(request.params.id), levels: await proposals.levels() }))

  routes.post('/api/proposals/:id/responses', {
    preValidation: approvedOnly(),
    schema: {
      summary: 'Supports, objects to (with a reason) or abstains on an open proposal; a later response replaces the member\'s earlier one. Any approved member.',
      params: ProposalIdParams,
      body: ProposalResponseBody,
      response: withErrors({ 200: ProposalEnvelope }),
    },
  }, async (request) => ({ proposal: await proposals.respond(approvedMember(request), request.params.id, request.body) }))

  routes.post('/api/proposals/:id/withdraw', {
    preValidation: approvedOnly(['organiser', 'contributor']),
    schema: { summary: 'Withdraws a proposal not yet decided. Its proposer or an organiser; in the audit log.', params: ProposalIdParams, response: withErrors({ 200: ProposalEnvelope }) },
  }, async (request) => ({ proposal: await proposals.withdraw(approvedMember(request), request.params.id) }))

  routes.post('/api/proposals/:id/decision', {
    preValidation: approvedOnly(['organiser']),
    schema: {
      summary: 'Decides a proposal before its close or after the meeting: accept (applied at once), reject, or agenda (to the next meeting). Organisers only; in the audit log.',
      params: ProposalIdParams,
      body: ProposalDecisionBody,
      response: withErrors({ 200: ProposalEnvelope }),
    },
  }, async (request) => ({ proposal: await proposals.decide(approvedMember(request), request.params.id, request.body) }))
}
