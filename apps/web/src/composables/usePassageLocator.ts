/**
 * How a comment thread's card finds its passage in the page's text (usePassageComments
 * provides it on pages with rich-text editors). Kept apart from usePassageComments so the
 * comments panel, which every document page shows, does not pull the editor's code into
 * pages without one: the competency matrix opens without ProseMirror.
 */
import { inject, type InjectionKey } from 'vue'

/** Whether a thread's passage is in the text now: unknown until the editors have the document. */
export type PassageStatus = 'shown' | 'deleted' | 'unknown'

export interface PassageLocator {
  statusOf: (anchor: string) => PassageStatus
  /** Scrolls the passage into view and marks it for a moment. */
  show: (threadId: string) => void
}

export const passageLocatorKey: InjectionKey<PassageLocator> = Symbol('passage locator')

/** For a thread card: null on pages without passages. */
export const usePassageLocator = (): PassageLocator | null => inject(passageLocatorKey, null)
