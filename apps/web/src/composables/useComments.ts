/**
 * A document's comments, live: loads them from the API (the source of truth), joins the
 * read-only `comments:<document>` mirror on the shared socket so others' comments appear at
 * once, and offers the actions, each a request to the API. Call it once per page and hand
 * the result to the CommentsPanel and to whatever shows counts (two providers for one
 * document would fight over the shared socket). It returns a reactive object: read its
 * fields through it (`comments.openThreads`), do not destructure them.
 */
import { HocuspocusProvider } from '@hocuspocus/provider'
import {
  commentSchema,
  commentsDocumentName,
  commentsMapName,
  mayComment,
  mayEditComment,
  mayResolveThread,
  type Comment,
  type Commenter,
  type Member,
} from '@studio/contract'
import { computed, markRaw, onScopeDispose, reactive, ref, shallowRef, toValue, type MaybeRefOrGetter } from 'vue'
import { createComment, editComment, fetchComments, setThreadResolved } from '../api/comments.ts'
import { ApiError } from '../api/http.ts'
import { collabToken } from '../collab/socket.ts'
import {
  buildThreads,
  mergeComments,
  openCountsByAnchor,
  type CommentThread,
} from '../lib/comments/comment-threads.ts'
import { useConnectionStore } from '../stores/connection.ts'

export interface CommentsOptions {
  /** The commented document, e.g. DocumentName.competencyMatrix or `meeting:<id>`. */
  documentName: string
  /** The signed-in member: decides which actions are offered (the server decides again). */
  member: MaybeRefOrGetter<Member | null>
}

export function useComments(options: CommentsOptions) {
  const { documentName } = options
  const connection = useConnectionStore()
  const fromApi = shallowRef(new Map<string, Comment>())
  const fromMirror = shallowRef(new Map<string, Comment>())
  const loaded = ref(false)
  const problem = ref<string | null>(null)

  const viewer = computed<Commenter | null>(() => {
    const member = toValue(options.member)
    return member && member.status === 'approved' ? { id: member.id, role: member.role } : null
  })
  const canComment = computed(() => mayComment(documentName, viewer.value))

  const all = computed(() => mergeComments(fromApi.value.values(), fromMirror.value.values()))
  const threads = computed<CommentThread[]>(() => buildThreads(all.value.values()))
  const openThreads = computed(() => threads.value.filter((thread) => !thread.resolved))
  const resolvedThreads = computed(() => threads.value.filter((thread) => thread.resolved))
  // Raw: a new Map on every change, so consumers compare it by identity and no deep proxy is made.
  const openCounts = computed(() => markRaw(openCountsByAnchor(threads.value)))

  function remember(comment: Comment): Comment {
    const next = new Map(fromApi.value)
    next.set(comment.id, comment)
    fromApi.value = next
    return comment
  }

  async function refresh(): Promise<void> {
    try {
      const comments = await fetchComments(documentName)
      fromApi.value = new Map(comments.map((comment) => [comment.id, comment]))
      loaded.value = true
      problem.value = null
    } catch (error) {
      // The live mirror may still show comments; say why the list may be incomplete.
      problem.value = error instanceof ApiError ? error.message : 'The comments could not be loaded. Try again in a moment.'
    }
  }

  const provider = new HocuspocusProvider({
    websocketProvider: connection.openSocket(),
    name: commentsDocumentName(documentName),
    token: collabToken,
    // After every (re)connection, the API again: it also catches up a mirror that fell behind.
    onSynced: () => void refresh(),
  })
  provider.attach()
  const mirror = provider.document.getMap<unknown>(commentsMapName)
  function readMirror(): void {
    const next = new Map<string, Comment>()
    mirror.forEach((value, id) => {
      const parsed = commentSchema.safeParse(value)
      if (parsed.success && parsed.data.id === id && parsed.data.document === documentName) next.set(id, parsed.data)
    })
    fromMirror.value = next
  }
  mirror.observe(readMirror)
  void refresh()

  onScopeDispose(() => {
    mirror.unobserve(readMirror)
    provider.destroy()
  })

  return reactive({
    documentName,
    /** True once the API's list has arrived. */
    loaded,
    /** Why the list could not be loaded, in words for the member; null when it could. */
    problem,
    canComment,
    threads,
    openThreads,
    resolvedThreads,
    /** Open threads per anchor, e.g. MatrixGrid's `commentCounts`. */
    openCounts,
    /** Open threads on `anchor` (what a cell's badge shows). */
    countFor: (anchor: string): number => openCounts.value.get(anchor) ?? 0,
    /** Threads on `anchor`, or every thread when null. */
    threadsFor: (anchor: string | null): CommentThread[] =>
      anchor === null ? threads.value : threads.value.filter((thread) => thread.anchor === anchor),
    canEdit: (comment: Comment): boolean => mayEditComment(comment, viewer.value),
    canResolve: (thread: CommentThread): boolean => mayResolveThread(thread.first, viewer.value),
    refresh,
    /** Starts a thread; one on a passage carries its words (`quote`). Rejects with the server's ApiError (field errors included). */
    create: async (anchor: string, body: string, quote?: string | null): Promise<Comment> =>
      remember(await createComment({ document: documentName, anchor, body, replyTo: null, ...(quote ? { quote } : {}) })),
    reply: async (thread: CommentThread, body: string): Promise<Comment> =>
      remember(await createComment({ document: documentName, anchor: thread.anchor, body, replyTo: thread.id })),
    edit: async (comment: Comment, body: string): Promise<Comment> => remember(await editComment(comment.id, body)),
    resolve: async (thread: CommentThread): Promise<Comment> => remember(await setThreadResolved(thread.id, true)),
    reopen: async (thread: CommentThread): Promise<Comment> => remember(await setThreadResolved(thread.id, false)),
  })
}

/** What useComments returns: hand it to CommentsPanel's `comments` prop. */
export type Comments = ReturnType<typeof useComments>
