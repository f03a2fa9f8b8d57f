/**
 * Who is signed in. The member comes from GET /api/me once per page load (the guard waits
 * for it) and again whenever the server says something changed (a role change, an
 * abnormal close of the collaboration socket). When the network is down the last member
 * this browser saw stands in (`fromDevice`), so the studio opens offline; the server is
 * asked again as soon as the browser is back online.
 */
import type { Member, SetupBody, SignInBody, SignupResponse } from '@studio/contract'
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { completeSetup, createSession, deleteSession, fetchCurrentMember } from '../api/accounts.ts'
import { ApiError, ClientErrorCode } from '../api/http.ts'
import { submitSignup } from '../api/signup.ts'
import { forgetLocalCopies } from '../collab/local-copy.ts'
import { forgetAssessment } from '../lib/assessment/assessment-cache.ts'
import { forgetLastMember, lastMember, rememberMember } from '../lib/session/last-member.ts'

export const useSessionStore = defineStore('session', () => {
  const member = ref<Member | null>(null)
  /** True while the member shown is the one remembered on this device, because the server could not be reached. */
  const fromDevice = ref(false)
  let firstLoad: Promise<Member | null> | null = null

  const isApproved = computed(() => member.value?.status === 'approved')
  const isOrganiser = computed(() => isApproved.value && member.value?.role === 'organiser')

  /** Asks the server who is signed in; null when nobody is. */
  async function load(): Promise<Member | null> {
    let answer: Member | null
    try {
      answer = await fetchCurrentMember()
    } catch (error) {
      const remembered = isNetworkFailure(error) ? lastMember(localStorage) : null
      if (!remembered) throw error
      member.value = remembered
      fromDevice.value = true
      return remembered
    }
    accept(answer)
    return answer
  }

  /** The server's answer replaces whatever this device remembered. */
  function accept(answer: Member | null): void {
    member.value = answer
    fromDevice.value = false
    if (answer) rememberMember(localStorage, answer)
    else forgetLastMember(localStorage)
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
    accept(await fetchCurrentMember())
    firstLoad = Promise.resolve(member.value)
    return answer
  }

  async function signIn(credentials: SignInBody): Promise<Member> {
    accept(await createSession(credentials))
    firstLoad = Promise.resolve(member.value)
    return member.value as Member
  }

  async function setUpFirstOrganiser(token: string, body: SetupBody): Promise<Member> {
    accept(await completeSetup(token, body))
    firstLoad = Promise.resolve(member.value)
    return member.value as Member
  }

  /**
   * Signing out also removes this member's document copies from the device: a shared
   * laptop in the meeting room must not keep the group's documents for the next person.
   */
  async function signOut(): Promise<void> {
    const leaving = member.value
    try {
      await deleteSession()
    } finally {
      forget()
      if (leaving) {
        forgetAssessment(leaving.id)
        await forgetLocalCopies(leaving.id).catch(() => {})
      }
    }
  }

  /** The member as the server answered a change to their own account (the header shows the new name at once). */
  function replaceMember(changed: Member): void {
    accept(changed)
  }

  /** Drops the member locally, e.g. when the server closed the socket because the session ended. */
  function forget(): void {
    accept(null)
    firstLoad = Promise.resolve(null)
  }

  if (typeof window !== 'undefined') {
    window.addEventListener('online', () => {
      if (fromDevice.value) void load().catch(() => {})
    })
  }

  return { member, fromDevice, isApproved, isOrganiser, load, ensureLoaded, signIn, signUp, setUpFirstOrganiser, signOut, forget, replaceMember }
})

function isNetworkFailure(error: unknown): boolean {
  return error instanceof ApiError && error.code === ClientErrorCode.network
}
