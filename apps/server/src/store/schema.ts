/** The database's tables as Kysely sees them. Times are ISO-8601 strings in UTC. */
import type { ColumnType, Generated } from 'kysely'

export interface MembersTable {
  id: string
  email: string
  name: string
  password_hash: string
  role: string
  status: string
  organisation: string | null
  job_title: string | null
  location: string | null
  timezone: string
  pmo_types: string
  framework_experience: string | null
  contribution: string | null
  attendance: string
  created_at: string
  decided_at: string | null
  reason: string | null
  /** 1 when the organiser chose to tell the applicant why they were rejected. */
  reason_shared: Generated<number>
  /** The status a suspended member had before suspension (pending or approved). */
  suspended_from: string | null
  /** How mail about notifications reaches them: off, immediate (batched over 5 minutes), daily or weekly. */
  email_notifications: Generated<string>
  /** The hour of their own time zone (0-23) their daily or weekly digest is sent at. */
  digest_hour: Generated<number>
  /** 1 when the member lets the group's directory show their email address. */
  share_email: Generated<number>
  /** How releases credit the member (releases/): name, initials or none. */
  credit_name: Generated<string>
}

/** A "forgot password" link: one use, valid for an hour; only the token's hash is kept. */
export interface PasswordResetsTable {
  token_hash: string
  member_id: string
  created_at: string
  expires_at: string
  used_at: string | null
}

export interface SessionsTable {
  token_hash: string
  member_id: string
  created_at: string
  last_seen_at: string
  /** 1 when the member's access changed: the next request gets a new token. */
  rotate: Generated<number>
  /** Set when the token was swapped for a new one; it answers for a short grace period after. */
  replaced_at: string | null
}

export interface SetupTokensTable {
  token_hash: string
  expires_at: string
  used_at: string | null
}

/** A collaborative document's compacted state; the log holds everything after it. */
export interface DocumentsTable {
  name: string
  state: Uint8Array
  compacted_at: string
  /** The highest log id folded into `state` and still in the log; null when none is (store/document-snapshots.ts). */
  folded_through: ColumnType<number | null, number | null | undefined, number | null>
  /** How many log entries, all with ids up to `folded_through`, `state` holds. */
  folded_entries: ColumnType<number, number | undefined, number>
}

export interface DocumentUpdatesTable {
  id: Generated<number>
  document: string
  payload: Uint8Array
  author_id: string | null
  created_at: string
}

/** One row per seeded document: the guard that makes seeding happen once per workspace. */
export interface SeedsTable {
  document: string
  seeded_at: string
}

/** One applicant's attachment, stored under a generated name. */
export interface AttachmentsTable {
  member_id: string
  stored_name: string
  original_name: string
  content_type: string
  size: number
  data: Uint8Array
  created_at: string
}

export interface AuditLogTable {
  id: Generated<number>
  at: string
  actor_id: string | null
  action: string
  target_id: string | null
  detail: string | null
}

export interface InvitesTable {
  id: string
  token_hash: string
  role: string
  expires_at: string
  max_uses: number
  uses: Generated<number>
  created_at: string
  created_by: string | null
  revoked_at: string | null
}

export interface SettingsTable {
  key: string
  value: string
}

export interface EmailConfirmationsTable {
  token_hash: string
  member_id: string
  expires_at: string
  used_at: string | null
}

/** A comment on a shared document; `reply_to` names its thread's first comment. */
export interface CommentsTable {
  id: string
  document: string
  anchor: string
  author_id: string
  body: string
  reply_to: string | null
  /** 1 when the thread is resolved; replies stay 0. */
  resolved: Generated<number>
  resolved_by: string | null
  resolved_at: string | null
  created_at: string
  updated_at: string
  /** When the body last changed; null if never edited. */
  edited_at: string | null
  /** A thread on a passage: the passage's words when it was started (0011_comment_passages). */
  quote: string | null
  /** 1 for a comment sent without its author's name (a self-assessment's feedback, 0015_assessments). */
  anonymous: Generated<number>
}

/** A version of a document's history (issue 13): its whole Yjs state when it was captured. */
export interface DocumentVersionsTable {
  id: string
  document: string
  created_at: string
  name: string | null
  /** auto, named, before-import, before-restore, meeting-end */
  kind: string
  state: Uint8Array
  /** JSON array of member ids: who changed the document since the version before. */
  contributors: string
  /** JSON VersionSummary (packages/contract/src/history.ts). */
  summary: string
  /** For a before-restore version: the version restored over it, and who restored it. */
  restored_from: string | null
  restored_by: string | null
}

/** Authors of log entries compaction folded since the document's latest version; a capture takes and clears them. */
export interface DocumentPendingAuthorsTable {
  document: string
  author_id: string
}

/** Since you were here (issue 14): what a member last saw of a document with history; one row per member and document. */
export interface DocumentVisitsTable {
  member_id: string
  document: string
  seen_at: string
  /** The version that held what they saw; it may since have been thinned away (activity/ then falls back by seen_at). */
  version_id: string
}

/** Something a member is told (notifications/); `dedupe_key` makes one event one row per recipient. */
export interface NotificationsTable {
  id: string
  recipient_id: string
  kind: string
  dedupe_key: string
  actor_id: string | null
  document: string | null
  link: string
  text: string
  created_at: string
  read_at: string | null
  /** The notification mail that carries it (notification_mails.id); null until one claims it. */
  mail_id: string | null
}

/** One notification mail per member, cadence and period: the row is the claim, `lease_until` its lease. */
export interface NotificationMailsTable {
  id: string
  member_id: string
  /** immediate, daily or weekly */
  cadence: string
  /** The batch's first notification id (immediate), the local date (daily) or the Monday (weekly). */
  period: string
  due_at: string
  claimed_by: string
  lease_until: string
  attempts: Generated<number>
  /** When the SMTP server accepted it (or when it turned out to have nothing to say). */
  sent_at: string | null
  message_id: string | null
}

export interface UnsubscribeTokensTable {
  token_hash: string
  member_id: string
  created_at: string
}

/** Members who opened or edited a meeting's document: those told of its decisions. */
export interface MeetingParticipantsTable {
  meeting_id: string
  member_id: string
  first_seen_at: string
}

/**
 * Search (issue 14): one row per readable place. On SQLite an FTS5 table (title and body
 * indexed); on PostgreSQL a table whose generated tsvector reads the folded columns.
 */
export interface SearchEntriesTable {
  /** What the row was built from: a document's name, or `comments:<document>`. */
  source: string
  /** The document a reader must be able to read to see the row. */
  document: string
  link: string
  title: string
  body: string
  /** PostgreSQL only: title and body folded (lower case, accents removed). */
  folded_title?: string
  folded_body?: string
}

/** When each search source was last rebuilt: a source changed since is rebuilt at start. */
export interface SearchSourcesTable {
  source: string
  indexed_at: string
}

/** A released version of the matrix with the terms of reference pinned beside it (releases/). */
export interface ReleasesTable {
  id: string
  /** The public page's address, unique for ever (a withdrawn release keeps its slug). */
  slug: string
  name: string
  notes: string
  matrix_version_id: string
  terms_version_id: string | null
  created_at: string
  created_by: string
  withdrawn_at: string | null
  withdrawn_by: string | null
}

/** A consultation round (rounds/): its scope is JSON, its versions pinned at opening. */
export interface RoundsTable {
  id: string
  title: string
  scope: string
  matrix_version_id: string
  terms_version_id: string | null
  opens_at: string
  closes_at: string
  created_at: string
  created_by: string
}

/** An outside reviewer (rounds/): not a member; name and password set from the invite link. */
export interface ReviewerAccountsTable {
  id: string
  email: string
  name: string | null
  password_hash: string | null
  credit_name: Generated<string>
  invite_token_hash: string | null
  invite_expires_at: string | null
  created_at: string
}

export interface ReviewerSessionsTable {
  token_hash: string
  reviewer_id: string
  created_at: string
  last_seen_at: string
}

export interface RoundReviewersTable {
  round_id: string
  email: string
  member_id: string | null
  reviewer_id: string | null
  invited_at: string
  invited_by: string
}

export interface RoundCommentsTable {
  id: string
  round_id: string
  /** 1, 2, … within the round, in the order comments arrived. */
  number: number
  member_id: string | null
  reviewer_id: string | null
  /** The RoundCommentTarget as JSON. */
  target: string
  body: string
  created_at: string
  disposition: string | null
  response: string | null
  disposed_by: string | null
  disposed_at: string | null
}

/** A proposed change under lazy consensus (proposals/). */
export interface ProposalsTable {
  id: string
  /** cell, competency or passage. */
  kind: string
  document: string
  /** The cell key, the competency id or the passage anchor. */
  target: string
  /** The change as proposed (JSON, the contract's ProposalChange). */
  change_json: string
  /** What the target held when proposed, the fields the change touches (JSON). */
  before_json: string
  rationale: string
  author_id: string
  created_at: string
  closes_at: string
  /** open, accepted, rejected, withdrawn, on-agenda, awaiting-meeting; `settling` while an instance settles it. */
  status: string
  /** The instance settling it and since when: a claim left by a stopped instance is taken again after a while. */
  claimed_by: string | null
  claimed_at: string | null
  decided_at: string | null
  decided_by: string | null
  outcome: string | null
  meeting_id: string | null
}

/** One member's stance on a proposal; a later response replaces the earlier one. */
export interface ProposalResponsesTable {
  proposal_id: string
  member_id: string
  stance: string
  reason: string
  at: string
}

/** A member's self-assessment choices (assessment/); the ratings live in their `assessment:<id>` document. */
export interface AssessmentSettingsTable {
  member_id: string
  release_id: string | null
  current_role: string | null
  pmo_type: string | null
  target_role: string | null
  /** 1 when the member lets the group's aggregates count their ratings. */
  share: number
  updated_at: string
}

/** "This was hard to judge" sent from a self-assessment, and the comment it became. */
export interface AssessmentFeedbackTable {
  id: string
  member_id: string
  release_id: string
  competency_id: string
  comment_id: string
  anonymous: number
  created_at: string
}

export interface Database {
  members: MembersTable
  sessions: SessionsTable
  setup_tokens: SetupTokensTable
  documents: DocumentsTable
  document_updates: DocumentUpdatesTable
  seeds: SeedsTable
  attachments: AttachmentsTable
  audit_log: AuditLogTable
  invites: InvitesTable
  settings: SettingsTable
  email_confirmations: EmailConfirmationsTable
  comments: CommentsTable
  document_versions: DocumentVersionsTable
  document_pending_authors: DocumentPendingAuthorsTable
  password_resets: PasswordResetsTable
  document_visits: DocumentVisitsTable
  search_entries: SearchEntriesTable
  search_sources: SearchSourcesTable
  notifications: NotificationsTable
  notification_mails: NotificationMailsTable
  unsubscribe_tokens: UnsubscribeTokensTable
  meeting_participants: MeetingParticipantsTable
  releases: ReleasesTable
  rounds: RoundsTable
  reviewer_accounts: ReviewerAccountsTable
  reviewer_sessions: ReviewerSessionsTable
  round_reviewers: RoundReviewersTable
  round_comments: RoundCommentsTable
  assessment_settings: AssessmentSettingsTable
  assessment_feedback: AssessmentFeedbackTable

  proposals: ProposalsTable
  proposal_responses: ProposalResponsesTable
}
