/**
 * An outside reviewer's pages: who is signed in with the reviewer cookie, and the way out.
 * Without a reviewer session the page sends them to the reviewers' sign-in, and back after.
 * Reviewer pages never read the members' session: a reviewer has none.
 */
import type { ReviewerAccount } from '@studio/contract'
import { onMounted, ref } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import { ApiError } from '../api/http.ts'
import { fetchReviewer, signOutReviewer } from '../api/rounds.ts'

export function useReviewerAccount() {
  const reviewer = ref<ReviewerAccount | null>(null)
  const problem = ref<string | null>(null)
  const router = useRouter()
  const route = useRoute()

  onMounted(async () => {
    try {
      reviewer.value = await fetchReviewer()
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) await router.replace({ path: '/review/sign-in', query: { next: route.fullPath } })
      else problem.value = error instanceof ApiError ? error.message : 'The studio could not be reached. Reload the page to try again.'
    }
  })

  async function signOut(): Promise<void> {
    await signOutReviewer()
    await router.push('/review/sign-in')
  }

  return { reviewer, problem, signOut }
}
