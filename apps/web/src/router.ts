/**
 * Routes and the one guard that decides who may see what: signed-out people go to sign
 * in (and come back afterwards), members awaiting a decision see their status page, and
 * the Members page is for organisers. The server enforces all of this again.
 */
import { createRouter, createWebHistory, loadRouteLocation, type RouteLocationNormalized, type RouteLocationRaw } from 'vue-router'
import { takeStockOfLocalCopies } from './collab/local-copy.ts'
import AppLayout from './components/layout/AppLayout.vue'
import { homePath, safeNextPath } from './lib/session/safe-next.ts'
import { useConnectionStore } from './stores/connection.ts'
import { useSessionStore } from './stores/session.ts'

/** Who may open a route; children inherit their parent's unless they say otherwise. */
export type RouteAccess = 'public' | 'signed-out' | 'signed-in' | 'approved' | 'organiser'

declare module 'vue-router' {
  interface RouteMeta {
    title?: string
    access?: RouteAccess
    /** The page opens live documents: the shared socket is opened as soon as access is decided. */
    live?: boolean
  }
}

export const router = createRouter({
  history: createWebHistory(),
  routes: [
    {
      path: '/sign-in',
      component: () => import('./pages/SignInPage.vue'),
      meta: { title: 'Sign in', access: 'signed-out' },
    },
    {
      path: '/sign-up',
      component: () => import('./pages/SignUpPage.vue'),
      meta: { title: 'Get involved', access: 'signed-out' },
    },
    {
      // The mailed link that confirms an address at an auto-approved domain. Public: it may
      // be opened in another browser than the one that signed up.
      path: '/confirm/:token',
      component: () => import('./pages/ConfirmEmailPage.vue'),
      meta: { title: 'Confirm your email address', access: 'public' },
    },
    {
      path: '/setup/:token',
      component: () => import('./pages/SetupPage.vue'),
      meta: { title: 'Set up the studio', access: 'public' },
    },
    {
      path: '/forgot-password',
      component: () => import('./pages/ForgotPasswordPage.vue'),
      meta: { title: 'Forgot your password?', access: 'signed-out' },
    },
    {
      // The mailed reset link. Public: it may be opened in a browser where someone is signed in.
      path: '/reset-password/:token',
      component: () => import('./pages/ResetPasswordPage.vue'),
      meta: { title: 'Choose a new password', access: 'public' },
    },
    // A notification mail's "Stop these emails" link. Public: the token is the whole request.
    { path: '/unsubscribe/:token', component: () => import('./pages/UnsubscribePage.vue'), meta: { title: 'Notification emails', access: 'public' } },
    // Outside reviewers of a consultation round: their own frame, their own session (the
    // reviewer cookie), checked by each page against the server. No workspace route admits them.
    { path: '/review/join/:token', component: () => import('./pages/ReviewerJoinPage.vue'), meta: { title: 'Review for the working group', access: 'public' } },
    { path: '/review/sign-in', component: () => import('./pages/ReviewerSignInPage.vue'), meta: { title: 'Sign in to review', access: 'public' } },
    { path: '/review', component: () => import('./pages/ReviewerRoundsPage.vue'), meta: { title: 'Your review rounds', access: 'public' } },
    { path: '/review/rounds/:id', component: () => import('./pages/ReviewerRoundPage.vue'), meta: { title: 'Review round', access: 'public' } },
    {
      path: '/pending',
      component: () => import('./pages/PendingPage.vue'),
      meta: { title: 'Your application', access: 'signed-in' },
    },
    {
      path: '/',
      component: AppLayout,
      meta: { access: 'approved' },
      children: [
        { path: '', redirect: homePath },
        { path: 'whats-new', component: () => import('./pages/WhatsNewPage.vue'), meta: { title: 'What’s new' } },
        {
          path: 'terms-of-reference',
          component: () => import('./pages/TermsOfReferencePage.vue'),
          meta: { title: 'Terms of reference', live: true },
        },
        {
          path: 'competency-matrix',
          component: () => import('./pages/MatrixPage.vue'),
          meta: { title: 'Competency matrix', live: true },
        },
        {
          path: 'meetings',
          component: () => import('./pages/MeetingsPage.vue'),
          meta: { title: 'Meetings', live: true },
        },
        {
          path: 'meetings/:id',
          component: () => import('./pages/MeetingPage.vue'),
          meta: { title: 'Meeting', live: true },
        },
        { path: 'search', component: () => import('./pages/SearchPage.vue'), meta: { title: 'Search' } },
        { path: 'people', component: () => import('./pages/PeoplePage.vue'), meta: { title: 'People' } },
        { path: 'account', component: () => import('./pages/AccountPage.vue'), meta: { title: 'Your account' } },
        { path: 'notifications', component: () => import('./pages/NotificationsPage.vue'), meta: { title: 'Notifications' } },
        {
          path: 'my-actions',
          component: () => import('./pages/MyActionsPage.vue'),
          meta: { title: 'My actions', live: true },
        },
        { path: 'rounds', component: () => import('./pages/RoundsPage.vue'), meta: { title: 'Consultation rounds' } },
        { path: 'rounds/:id', component: () => import('./pages/RoundPage.vue'), meta: { title: 'Consultation round' } },
        { path: 'proposals/:id?', component: () => import('./pages/ProposalsPage.vue'), meta: { title: 'Proposals' } },
        { path: 'releases', component: () => import('./pages/ReleasesPage.vue'), meta: { title: 'Releases', access: 'organiser' } },
        { path: 'self-assessment', component: () => import('./pages/AssessmentPage.vue'), meta: { title: 'My self-assessment', live: true } },
        { path: 'insights', component: () => import('./pages/InsightsPage.vue'), meta: { title: 'Insights', access: 'organiser' } },
        {
          path: 'studio-health',
          component: () => import('./pages/StudioHealthPage.vue'),
          meta: { title: 'Studio health', access: 'organiser' },
        },
        {
          path: 'members',
          component: () => import('./pages/MembersPage.vue'),
          meta: { title: 'Members', access: 'organiser' },
          children: [
            {
              path: '',
              component: () => import('./components/members/MembersQueue.vue'),
              meta: { title: 'Applications – Members' },
            },
            {
              path: 'all',
              component: () => import('./components/members/MembersDirectory.vue'),
              meta: { title: 'All members – Members' },
            },
            {
              path: 'invites',
              component: () => import('./components/members/InvitesPanel.vue'),
              meta: { title: 'Invites – Members' },
            },
            {
              path: 'domains',
              component: () => import('./components/members/EmailDomainsPanel.vue'),
              meta: { title: 'Auto-approved domains – Members' },
            },
            {
              path: 'audit',
              component: () => import('./components/members/AuditLog.vue'),
              meta: { title: 'Audit log – Members' },
            },
          ],
        },
      ],
    },
    { path: '/:unknown(.*)*', redirect: homePath },
  ],
})

router.beforeEach(async (to) => {
  // The session is asked for before the page's code, so on a first visit `/api/me` is not
  // queued behind the page's files on the browser's six connections.
  const decided = decideAccess(to)
  loadPageCode(to)
  const decision = await decided
  if (decision === true && to.meta.live) {
    // A page of live documents opens the socket while its code arrives and the page is built
    // (a first visit's longest task), so its documents are asked for the moment it attaches;
    // and this device's list of copies is made ready, so a document it never kept need not
    // wait for IndexedDB before it is asked for (composables/useCollabDocument.ts).
    useConnectionStore().openSocket()
    const member = useSessionStore().member
    if (member) void takeStockOfLocalCopies(member.id)
  }
  return decision
})

/**
 * Starts downloading the page's code while the session is checked, rather than after: the
 * router loads a lazy page only once its guards have decided, which on a first visit put the
 * page's chunks a round trip behind `/api/me` (PERFORMANCE.md, the matrix's first visit).
 * vue-router's own loader resolves the route's lazy components, and the router then finds them
 * resolved. A failed download is the router's to report, when it asks again.
 */
function loadPageCode(to: RouteLocationNormalized): void {
  void loadRouteLocation(to).catch(() => undefined)
}

router.afterEach((to) => {
  document.title = to.meta.title ? `${to.meta.title} – Working Group Studio` : 'Working Group Studio'
})

async function decideAccess(to: RouteLocationNormalized): Promise<true | RouteLocationRaw> {
  const access = to.meta.access ?? 'approved'
  if (access === 'public') return true

  const session = useSessionStore()
  // When the server cannot be reached the sign-in page is the one place that says so.
  const member = await session.ensureLoaded().catch(() => null)

  if (access === 'signed-out') return member ? safeNextPath(to.query.next) : true
  if (!member) return { path: '/sign-in', query: { next: to.fullPath } }

  const approved = member.status === 'approved'
  if (access === 'signed-in') return approved ? homePath : true
  if (!approved) return '/pending'
  if (access === 'organiser' && member.role !== 'organiser') return homePath
  return true
}
