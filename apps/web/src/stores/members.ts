/**
 * What the organisers' Members page and the navigation badge share: the applications
 * waiting for a decision (their number is the badge), the filtered list of all members,
 * and the decisions themselves, after each of which both lists are fetched again so
 * every view agrees with the server.
 */
import { ErrorCode, type Member } from '@studio/contract'
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { ApiError } from '../api/http.ts'
import {
  approveMember,
  changeMemberRole,
  fetchMembers,
  reinstateMember,
  rejectMember,
  suspendMember,
} from '../api/members.ts'
import { membershipDecisionOutcome, type MembershipDecision } from '../lib/members/membership-decisions.ts'
import type { MembersFilter } from '../lib/members/members-filter.ts'

export const useMembersStore = defineStore('members', () => {
  const pending = ref<Member[]>([])
  const pendingLoaded = ref(false)
  const pendingProblem = ref<string | null>(null)

  const members = ref<Member[]>([])
  const membersLoaded = ref(false)
  const membersProblem = ref<string | null>(null)
  let filter: MembersFilter | null = null
  // Answers can arrive out of order while someone types in the search box.
  let membersRequest = 0

  /** The latest decision's outcome, for the page's status message. */
  const lastOutcome = ref<string | null>(null)

  const pendingCount = computed(() => pending.value.length)

  /** Oldest first: applications are decided in the order they arrived. */
  async function refreshPending(): Promise<void> {
    try {
      const newestFirst = await fetchMembers({ status: 'pending', q: '' })
      pending.value = [...newestFirst].reverse()
      pendingProblem.value = null
    } catch (error) {
      pendingProblem.value = messageOf(error)
    } finally {
      pendingLoaded.value = true
    }
  }

  async function loadMembers(next: MembersFilter): Promise<void> {
    filter = next
    const request = ++membersRequest
    try {
      const answer = await fetchMembers(next)
      if (request !== membersRequest) return
      members.value = answer
      membersProblem.value = null
    } catch (error) {
      if (request === membersRequest) membersProblem.value = messageOf(error)
    } finally {
      if (request === membersRequest) membersLoaded.value = true
    }
  }

  /** Sends the decision; throws the ApiError for the caller to show beside its buttons. */
  async function decide(member: Member, decision: MembershipDecision): Promise<Member> {
    lastOutcome.value = null
    try {
      const updated = await send(member.id, decision)
      lastOutcome.value = membershipDecisionOutcome(member.name, decision)
      return updated
    } catch (error) {
      // The card may leave the queue with the refresh below, taking its own message along.
      if (error instanceof ApiError && error.code === ErrorCode.notPending) {
        lastOutcome.value = `Someone else decided on ${member.name}'s application first. The lists now show where it stands.`
      }
      throw error
    } finally {
      // Also after a failure: a 409 means someone else decided, and the lists show what.
      await Promise.all([refreshPending(), filter ? loadMembers(filter) : Promise.resolve()])
    }
  }

  function clearOutcome(): void {
    lastOutcome.value = null
  }

  return {
    pending,
    pendingLoaded,
    pendingProblem,
    pendingCount,
    members,
    membersLoaded,
    membersProblem,
    lastOutcome,
    refreshPending,
    loadMembers,
    decide,
    clearOutcome,
  }
})

function send(id: string, decision: MembershipDecision): Promise<Member> {
  switch (decision.kind) {
    case 'approve':
      return approveMember(id, decision.role)
    case 'reject':
      return rejectMember(id, decision.reason, decision.tellApplicant)
    case 'suspend':
      return suspendMember(id)
    case 'reinstate':
      return reinstateMember(id)
    case 'change-role':
      return changeMemberRole(id, decision.role)
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : 'Something went wrong. Try again.'
}
