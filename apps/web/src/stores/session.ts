/**
 * Who is signed in. The member comes from GET /api/me once per page load (the guard waits
 * for it) and again whenever the server says something changed (a role change, an
 * abnormal close of the collaboration socket).
 */
import type { Member, SetupBody, SignInBody, SignupResponse } from '@studio/contract'
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { completeSetup, createSession, deleteSession, fetchCurrentMember } from '../api/accounts.ts'
import { submitSignup } from '../api/signup.ts'

export const useSessionStore = defineStore('session', () => {
  const member = ref<Member | null>(null)
  let firstLoad: Promise<Member | null> | null = null

  const isApproved = computed(() => member.value?.status === 'approved')
  const isOrganiser = computed(() => isApproved.value && member.value?.role === 'organiser')

  /** Asks the server who is signed in; null when nobody is. */
  async function load(): Promise<Member | null> {
    member.value = await fetchCurrentMember()
    return member.value
  }

  /**
   * Loads once per page; navigation guards call this before every route. It answers with
   * the member as they are now, so a later load (the status page's polling, a role
   * change) is what the guard sees, not the first answer.
   */
  async function ensureLoaded(): Promise<Member | null> {
    firstLoad ??= load().catch((error: unknown) => {
      // Let a later navigation try again instead of remembering the failure.
      firstLoad = null
      throw error
    })
    await firstLoad
    return member.value
  }

  /** Applies to join; the server signs the applicant in, so the member is loaded at once. */
  async function signUp(form: FormData): Promise<SignupResponse> {
    const answer = await submitSignup(form)
    await load()
    firstLoad = Promise.resolve(member.value)
    return answer
  }

  async function signIn(credentials: SignInBody): Promise<Member> {
    member.value = await createSession(credentials)
    firstLoad = Promise.resolve(member.value)
    return member.value
  }

  async function setUpFirstOrganiser(token: string, body: SetupBody): Promise<Member> {
    member.value = await completeSetup(token, body)
    firstLoad = Promise.resolve(member.value)
    return member.value
  }

  async function signOut(): Promise<void> {
    try {
      await deleteSession()
    } finally {
      forget()
    }
  }

  /** Drops the member locally, e.g. when the server closed the socket because the session ended. */
  function forget(): void {
    member.value = null
    firstLoad = Promise.resolve(null)
  }

  return { member, isApproved, isOrganiser, load, ensureLoaded, signIn, signUp, setUpFirstOrganiser, signOut, forget }
})
