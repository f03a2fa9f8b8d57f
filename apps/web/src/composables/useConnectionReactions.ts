/**
 * What the signed-in shell does when the collaboration server closes the socket for a
 * reason: an expired session goes back to sign-in (and returns here afterwards), a role
 * change refreshes the member so read-only views follow, and an unexplained close makes
 * the app ask the server whether the session still stands, because a refused WebSocket
 * upgrade (401/403) reaches the browser only as a bare network failure.
 */
import { watch } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import { homePath } from '../lib/session/safe-next.ts'
import { useConnectionStore } from '../stores/connection.ts'
import { useSessionStore } from '../stores/session.ts'

/** A room of laptops losing Wi-Fi together must not flood the server with session checks. */
const sessionCheckInterval = 15_000

export function useConnectionReactions(): void {
  const connection = useConnectionStore()
  const session = useSessionStore()
  const router = useRouter()
  const route = useRoute()
  let lastSessionCheck = 0

  watch(
    () => connection.closeReason,
    async (reason) => {
      if (reason === 'session-expired') await endSession()
      if (reason === 'role-changed') {
        connection.acknowledgeCloseReason()
        await refreshMember()
      }
    },
  )

  watch(
    () => connection.unexplainedCloses,
    async () => {
      if (Date.now() - lastSessionCheck < sessionCheckInterval) return
      lastSessionCheck = Date.now()
      await refreshMember()
    },
  )

  async function refreshMember(): Promise<void> {
    let member
    try {
      member = await session.load()
    } catch {
      return // The server is unreachable; the socket keeps retrying and the indicator says so.
    }
    if (!member) return endSession()
    if (member.status !== 'approved') {
      connection.closeSocket()
      await router.replace('/pending')
    } else if (route.meta.access === 'organiser' && member.role !== 'organiser') {
      await router.replace(homePath)
    }
  }

  async function endSession(): Promise<void> {
    const next = route.fullPath
    connection.closeSocket()
    session.forget()
    await router.replace({ path: '/sign-in', query: { next, reason: 'expired' } })
  }
}
