/**
 * History (issue 13): what a version holds, compare and summary between two states, restore
 * as one new change, thinning, and who made what. Pure functions over Yjs; the server stores
 * the versions and calls these.
 */
export { versionContent, contentOfState, renderedContent, documentFromState, type MeetingContent, type VersionContent } from './version-content.ts'
export { compareStates, compareDocuments, summarizeStates, summarizeChanges, type CompareOptions } from './compare.ts'
export { restoreUpdate, restoreInto } from './restore.ts'
export { thinVersions, keptForEver, thinningAges, type ThinnableVersion } from './thinning.ts'
export { estimateYearOfHistory, type YearOfHistory, type YearOfHistoryOptions, type CapturedVersion } from './storage-estimate.ts'
export { clientAuthors, attributionFromLog, noAttribution, type Attribution, type LogEntry } from './attribution.ts'
