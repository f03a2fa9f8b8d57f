/**
 * Gives a meeting's empty notes their starting structure (a bulleted list, see the
 * framework's meeting-seed.ts) once the server's copy has arrived and shows they are
 * empty, and only for someone who may write. Applying the same seed twice changes
 * nothing, so it does not matter how many people open the meeting at the same moment.
 */
import { meetingNotesSeedUpdate, notesAreEmpty } from '@studio/framework'
import { watch } from 'vue'
import * as Y from 'yjs'
import type { CollabDocument } from './useCollabDocument.ts'

export function useMeetingNotesSeed(content: CollabDocument): void {
  watch(
    () => content.synced.value && content.writable.value,
    (ready) => {
      if (ready && notesAreEmpty(content.document)) Y.applyUpdate(content.document, meetingNotesSeedUpdate())
    },
    { immediate: true },
  )
}
