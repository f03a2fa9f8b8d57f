export {
  meetingsDocumentName,
  meetingDocumentName,
  MeetingError,
  meetingsMap,
  validateNewMeeting,
  validateMeetingPatch,
  readMeeting,
  readMeetings,
  addMeeting,
  updateMeeting,
  archiveMeeting,
  restoreMeeting,
  type Meeting,
  type MeetingMap,
  type MeetingValidation,
  type NewMeeting,
} from './meetings-index.ts'
export {
  meetingTextFields,
  meetingItemLimits,
  isCalendarDate,
  addDecision,
  updateDecisionText,
  moveDecision,
  archiveDecision,
  restoreDecision,
  decisionText,
  readDecisions,
  addAction,
  updateAction,
  moveAction,
  archiveAction,
  restoreAction,
  actionText,
  readActions,
  observeMeetingItems,
  type MeetingTextField,
  type Decision,
  type Action,
  type NewAction,
  type ActionPatch,
} from './meeting-document.ts'
export {
  meetingInstant,
  describeMeetingTime,
  wallTimeToInstant,
  zoneOffsetMinutes,
  zoneLabel,
  type MeetingTimeFields,
  type MeetingTimeDescription,
} from './time.ts'
export { meetingToMarkdown, meetingToHtml, textDocumentToHtml, type Person as MeetingPerson } from './exports.ts'
export { richTextJSONToHtml, fragmentToHtml, escapeHtml } from './rich-text-html.ts'
export { meetingToIcs, type IcsOptions } from './ics.ts'
export { meetingNotesSeedUpdate, meetingSeedClientId, notesAreEmpty } from './meeting-seed.ts'
export { formatDate, type DateFormatOptions } from './calendar-dates.ts'
