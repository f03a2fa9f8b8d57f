/**
 * Schema migrations, applied at start. One list for both stores; the few types that
 * differ (binary columns, generated keys) come from `columnTypes`.
 */
import { sql, type Kysely } from 'kysely'
import type { Migration, MigrationProvider } from 'kysely/migration'

export type Dialect = 'sqlite' | 'postgres'

function columnTypes(dialect: Dialect) {
  return {
    binary: dialect === 'sqlite' ? 'blob' : 'bytea',
  } as const
}

function migrations(dialect: Dialect): Record<string, Migration> {
  const types = columnTypes(dialect)
  return {
    '0001_accounts_and_documents': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('members')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('email', 'text', (c) => c.notNull().unique())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('password_hash', 'text', (c) => c.notNull())
          .addColumn('role', 'text', (c) => c.notNull())
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('organisation', 'text')
          .addColumn('job_title', 'text')
          .addColumn('location', 'text')
          .addColumn('timezone', 'text', (c) => c.notNull())
          .addColumn('pmo_types', 'text', (c) => c.notNull().defaultTo('[]'))
          .addColumn('framework_experience', 'text')
          .addColumn('contribution', 'text')
          .addColumn('attendance', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('decided_at', 'text')
          .addColumn('reason', 'text')
          .execute()

        await db.schema
          .createTable('sessions')
          .addColumn('token_hash', 'text', (c) => c.primaryKey())
          .addColumn('member_id', 'text', (c) => c.notNull().references('members.id').onDelete('cascade'))
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('last_seen_at', 'text', (c) => c.notNull())
          .execute()
        await db.schema.createIndex('sessions_member').on('sessions').column('member_id').execute()

        await db.schema
          .createTable('setup_tokens')
          .addColumn('token_hash', 'text', (c) => c.primaryKey())
          .addColumn('expires_at', 'text', (c) => c.notNull())
          .addColumn('used_at', 'text')
          .execute()

        await db.schema
          .createTable('documents')
          .addColumn('name', 'text', (c) => c.primaryKey())
          .addColumn('state', sql.raw(types.binary), (c) => c.notNull())
          .addColumn('compacted_at', 'text', (c) => c.notNull())
          .execute()

        await db.schema
          .createTable('document_updates')
          .addColumn('id', 'integer', (c) =>
            dialect === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey().generatedAlwaysAsIdentity(),
          )
          .addColumn('document', 'text', (c) => c.notNull())
          .addColumn('payload', sql.raw(types.binary), (c) => c.notNull())
          .addColumn('author_id', 'text')
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute()
        await db.schema.createIndex('document_updates_document').on('document_updates').columns(['document', 'id']).execute()

        await db.schema
          .createTable('seeds')
          .addColumn('document', 'text', (c) => c.primaryKey())
          .addColumn('seeded_at', 'text', (c) => c.notNull())
          .execute()
      },
    },
    '0002_membership': {
      async up(db: Kysely<unknown>) {
        await db.schema.alterTable('members').addColumn('reason_shared', 'integer', (c) => c.notNull().defaultTo(0)).execute()
        await db.schema.alterTable('sessions').addColumn('rotate', 'integer', (c) => c.notNull().defaultTo(0)).execute()

        await db.schema
          .createTable('attachments')
          .addColumn('member_id', 'text', (c) => c.primaryKey().references('members.id').onDelete('cascade'))
          .addColumn('stored_name', 'text', (c) => c.notNull())
          .addColumn('original_name', 'text', (c) => c.notNull())
          .addColumn('content_type', 'text', (c) => c.notNull())
          .addColumn('size', 'integer', (c) => c.notNull())
          .addColumn('data', sql.raw(types.binary), (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute()

        await db.schema
          .createTable('audit_log')
          .addColumn('id', 'integer', (c) =>
            dialect === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey().generatedAlwaysAsIdentity(),
          )
          .addColumn('at', 'text', (c) => c.notNull())
          .addColumn('actor_id', 'text')
          .addColumn('action', 'text', (c) => c.notNull())
          .addColumn('target_id', 'text')
          .addColumn('detail', 'text')
          .execute()

        await db.schema
          .createTable('invites')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('token_hash', 'text', (c) => c.notNull().unique())
          .addColumn('role', 'text', (c) => c.notNull())
          .addColumn('expires_at', 'text', (c) => c.notNull())
          .addColumn('max_uses', 'integer', (c) => c.notNull())
          .addColumn('uses', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('created_by', 'text')
          .addColumn('revoked_at', 'text')
          .execute()

        await db.schema
          .createTable('settings')
          .addColumn('key', 'text', (c) => c.primaryKey())
          .addColumn('value', 'text', (c) => c.notNull())
          .execute()

        await db.schema
          .createTable('email_confirmations')
          .addColumn('token_hash', 'text', (c) => c.primaryKey())
          .addColumn('member_id', 'text', (c) => c.notNull().references('members.id').onDelete('cascade'))
          .addColumn('expires_at', 'text', (c) => c.notNull())
          .addColumn('used_at', 'text')
          .execute()
      },
    },
    '0003_rotation_grace_and_reinstatement': {
      async up(db: Kysely<unknown>) {
        // A rotated token stays valid for a few seconds, for requests the browser already sent.
        await db.schema.alterTable('sessions').addColumn('replaced_at', 'text').execute()
        // Reinstating returns a member to where suspension found them: the queue or the workspace.
        await db.schema.alterTable('members').addColumn('suspended_from', 'text').execute()
      },
    },
    '0004_comments': {
      async up(db: Kysely<unknown>) {
        // Comments live here; `comments:<document>` is only their live mirror (comments/comments-mirror.ts).
        await db.schema
          .createTable('comments')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('document', 'text', (c) => c.notNull())
          .addColumn('anchor', 'text', (c) => c.notNull())
          .addColumn('author_id', 'text', (c) => c.notNull().references('members.id'))
          .addColumn('body', 'text', (c) => c.notNull())
          .addColumn('reply_to', 'text', (c) => c.references('comments.id'))
          .addColumn('resolved', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('resolved_by', 'text', (c) => c.references('members.id'))
          .addColumn('resolved_at', 'text')
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .addColumn('edited_at', 'text')
          .execute()
        await db.schema.createIndex('comments_document').on('comments').columns(['document', 'created_at']).execute()
        await db.schema.createIndex('comments_reply_to').on('comments').column('reply_to').execute()
      },
    },
    '0005_update_log_without_autoincrement': {
      async up(db: Kysely<unknown>) {
        // SQLite only. AUTOINCREMENT made every append write a third page (sqlite_sequence)
        // to the WAL. Ids only order a document's live log, so a plain rowid, which may be
        // reused once compaction has emptied the log, serves as well.
        if (dialect !== 'sqlite') return
        await sql`CREATE TABLE document_updates_rowid (
          id INTEGER PRIMARY KEY, document TEXT NOT NULL, payload BLOB NOT NULL, author_id TEXT, created_at TEXT NOT NULL
        )`.execute(db)
        await sql`INSERT INTO document_updates_rowid (id, document, payload, author_id, created_at)
          SELECT id, document, payload, author_id, created_at FROM document_updates`.execute(db)
        await sql`DROP TABLE document_updates`.execute(db)
        await sql`ALTER TABLE document_updates_rowid RENAME TO document_updates`.execute(db)
        await db.schema.createIndex('document_updates_document').on('document_updates').columns(['document', 'id']).execute()
      },
    },
    '0006_document_versions': {
      async up(db: Kysely<unknown>) {
        // History (issue 13): each version is a whole Yjs state of its document (history/).
        await db.schema
          .createTable('document_versions')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('document', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('name', 'text')
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('state', sql.raw(types.binary), (c) => c.notNull())
          .addColumn('contributors', 'text', (c) => c.notNull())
          .addColumn('summary', 'text', (c) => c.notNull())
          .addColumn('restored_from', 'text')
          .addColumn('restored_by', 'text')
          .execute()
        await db.schema.createIndex('document_versions_document').on('document_versions').columns(['document', 'created_at']).execute()
        // Who wrote log entries that compaction folded before a version named them (update-log.ts).
        await db.schema
          .createTable('document_pending_authors')
          .addColumn('document', 'text', (c) => c.notNull())
          .addColumn('author_id', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('document_pending_authors_key', ['document', 'author_id'])
          .execute()
      },
    },
    '0007_account_settings': {
      async up(db: Kysely<unknown>) {
        // Catching up (issue 14): how each member hears of what happened (notifications/),
        // whether the group's directory shows their email (people/), and password resets (accounts/).
        await db.schema.alterTable('members').addColumn('email_notifications', 'text', (c) => c.notNull().defaultTo('daily')).execute()
        await db.schema.alterTable('members').addColumn('digest_hour', 'integer', (c) => c.notNull().defaultTo(8)).execute()
        await db.schema.alterTable('members').addColumn('share_email', 'integer', (c) => c.notNull().defaultTo(0)).execute()
        await db.schema
          .createTable('password_resets')
          .addColumn('token_hash', 'text', (c) => c.primaryKey())
          .addColumn('member_id', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('expires_at', 'text', (c) => c.notNull())
          .addColumn('used_at', 'text')
          .execute()
        await db.schema.createIndex('password_resets_member').on('password_resets').column('member_id').execute()
      },
    },
    '0008_notifications': {
      async up(db: Kysely<unknown>) {
        // Notifications (issue 14, notifications/): one row per recipient and event; the
        // dedupe key makes an event noticed on two instances one notification.
        await db.schema
          .createTable('notifications')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('recipient_id', 'text', (c) => c.notNull().references('members.id').onDelete('cascade'))
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('dedupe_key', 'text', (c) => c.notNull())
          .addColumn('actor_id', 'text')
          .addColumn('document', 'text')
          .addColumn('link', 'text', (c) => c.notNull())
          .addColumn('text', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('read_at', 'text')
          .addColumn('mail_id', 'text')
          .addUniqueConstraint('notifications_once', ['recipient_id', 'dedupe_key'])
          .execute()
        await db.schema.createIndex('notifications_recipient').on('notifications').columns(['recipient_id', 'created_at']).execute()
        await db.schema.createIndex('notifications_mail').on('notifications').column('mail_id').execute()
        // A mail (an immediate batch or a digest) per member and period: the unique key is
        // the claim, the lease lets another instance take over from one that died mid-send.
        await db.schema
          .createTable('notification_mails')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('member_id', 'text', (c) => c.notNull().references('members.id').onDelete('cascade'))
          .addColumn('cadence', 'text', (c) => c.notNull())
          .addColumn('period', 'text', (c) => c.notNull())
          .addColumn('due_at', 'text', (c) => c.notNull())
          .addColumn('claimed_by', 'text', (c) => c.notNull())
          .addColumn('lease_until', 'text', (c) => c.notNull())
          .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(1))
          .addColumn('sent_at', 'text')
          .addColumn('message_id', 'text')
          .addUniqueConstraint('notification_mails_once', ['member_id', 'cadence', 'period'])
          .execute()
        // One token per mail; only its hash is kept.
        await db.schema
          .createTable('unsubscribe_tokens')
          .addColumn('token_hash', 'text', (c) => c.primaryKey())
          .addColumn('member_id', 'text', (c) => c.notNull().references('members.id').onDelete('cascade'))
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute()
        // Who took part in a meeting: members who opened or edited its document.
        await db.schema
          .createTable('meeting_participants')
          .addColumn('meeting_id', 'text', (c) => c.notNull())
          .addColumn('member_id', 'text', (c) => c.notNull().references('members.id').onDelete('cascade'))
          .addColumn('first_seen_at', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('meeting_participants_key', ['meeting_id', 'member_id'])
          .execute()
      },
    },
    '0009_search': {
      async up(db: Kysely<unknown>) {
        // Search (issue 14, search/): the words of each readable place, rebuilt per source
        // (a document, or the comments on one) whenever it changes.
        if (dialect === 'sqlite') {
          await sql`CREATE VIRTUAL TABLE search_entries USING fts5(
            source UNINDEXED, document UNINDEXED, link UNINDEXED, title, body,
            tokenize = 'unicode61 remove_diacritics 2')`.execute(db)
        } else {
          // Words are folded (lower case, no accents) by the studio before they are stored,
          // so one plain 'simple' configuration serves every language of the group.
          await sql`CREATE TABLE search_entries (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            source text NOT NULL, document text NOT NULL, link text NOT NULL, title text NOT NULL, body text NOT NULL,
            folded_title text NOT NULL, folded_body text NOT NULL,
            searchable tsvector GENERATED ALWAYS AS (
              setweight(to_tsvector('simple', folded_title), 'A') || setweight(to_tsvector('simple', folded_body), 'B')) STORED)`.execute(db)
          await sql`CREATE INDEX search_entries_searchable ON search_entries USING GIN (searchable)`.execute(db)
          await sql`CREATE INDEX search_entries_source ON search_entries (source)`.execute(db)
        }
        await db.schema
          .createTable('search_sources')
          .addColumn('source', 'text', (c) => c.primaryKey())
          .addColumn('indexed_at', 'text', (c) => c.notNull())
          .execute()
      },
    },
    '0010_document_visits': {
      async up(db: Kysely<unknown>) {
        // Since you were here (issue 14, activity/): per member and document, when they last saw it and the version they saw.
        await db.schema
          .createTable('document_visits')
          .addColumn('member_id', 'text', (c) => c.notNull().references('members.id').onDelete('cascade'))
          .addColumn('document', 'text', (c) => c.notNull())
          .addColumn('seen_at', 'text', (c) => c.notNull())
          .addColumn('version_id', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('document_visits_pk', ['member_id', 'document'])
          .execute()
      },
    },
    '0011_comment_passages': {
      async up(db: Kysely<unknown>) {
        // Comments on a passage (issue 14): the passage's words when the thread was started,
        // shown with the thread even after the passage is deleted. Null on every other comment.
        await db.schema.alterTable('comments').addColumn('quote', 'text').execute()
      },
    },
    '0012_releases': {
      async up(db: Kysely<unknown>) {
        // Releases (issue 16, releases/): a named version of the matrix with the terms of
        // reference's version pinned beside it. Withdrawn rows stay (the audit log names them,
        // and their versions stay protected from thinning).
        await db.schema
          .createTable('releases')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('slug', 'text', (c) => c.notNull().unique())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('notes', 'text', (c) => c.notNull())
          .addColumn('matrix_version_id', 'text', (c) => c.notNull())
          .addColumn('terms_version_id', 'text')
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('created_by', 'text', (c) => c.notNull())
          .addColumn('withdrawn_at', 'text')
          .addColumn('withdrawn_by', 'text')
          .execute()
        await db.schema.createIndex('releases_created').on('releases').column('created_at').execute()
        // How a release's credits name each member: name (the default), initials or none.
        await db.schema.alterTable('members').addColumn('credit_name', 'text', (c) => c.notNull().defaultTo('name')).execute()
      },
    },
    '0014_consultation_rounds': {
      async up(db: Kysely<unknown>) {
        // Consultation rounds (issue 16, rounds/): a round pins a matrix version (and the terms'
        // version) at opening; its scope is JSON ({wholeFramework, domainIds, roleIds, terms}).
        await db.schema
          .createTable('rounds')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('title', 'text', (c) => c.notNull())
          .addColumn('scope', 'text', (c) => c.notNull())
          .addColumn('matrix_version_id', 'text', (c) => c.notNull())
          .addColumn('terms_version_id', 'text')
          .addColumn('opens_at', 'text', (c) => c.notNull())
          .addColumn('closes_at', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('created_by', 'text', (c) => c.notNull())
          .execute()
        // Outside reviewers are not members: their own accounts, sessions and invite links, which
        // only the round routes read. The name and password are set from the mailed link.
        await db.schema
          .createTable('reviewer_accounts')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('email', 'text', (c) => c.notNull().unique())
          .addColumn('name', 'text')
          .addColumn('password_hash', 'text')
          .addColumn('credit_name', 'text', (c) => c.notNull().defaultTo('name'))
          .addColumn('invite_token_hash', 'text', (c) => c.unique())
          .addColumn('invite_expires_at', 'text')
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute()
        await db.schema
          .createTable('reviewer_sessions')
          .addColumn('token_hash', 'text', (c) => c.primaryKey())
          .addColumn('reviewer_id', 'text', (c) => c.notNull().references('reviewer_accounts.id'))
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('last_seen_at', 'text', (c) => c.notNull())
          .execute()
        // Exactly one of member_id and reviewer_id is set.
        await db.schema
          .createTable('round_reviewers')
          .addColumn('round_id', 'text', (c) => c.notNull().references('rounds.id'))
          .addColumn('email', 'text', (c) => c.notNull())
          .addColumn('member_id', 'text', (c) => c.references('members.id'))
          .addColumn('reviewer_id', 'text', (c) => c.references('reviewer_accounts.id'))
          .addColumn('invited_at', 'text', (c) => c.notNull())
          .addColumn('invited_by', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('round_reviewers_pk', ['round_id', 'email'])
          .execute()
        await db.schema
          .createTable('round_comments')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('round_id', 'text', (c) => c.notNull().references('rounds.id'))
          // The comment's number in its round (1, 2, …), as the disposition report cites it.
          .addColumn('number', 'integer', (c) => c.notNull())
          .addColumn('member_id', 'text', (c) => c.references('members.id'))
          .addColumn('reviewer_id', 'text', (c) => c.references('reviewer_accounts.id'))
          .addColumn('target', 'text', (c) => c.notNull())
          .addColumn('body', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('disposition', 'text')
          .addColumn('response', 'text')
          .addColumn('disposed_by', 'text')
          .addColumn('disposed_at', 'text')
          .execute()
        await db.schema.createIndex('round_comments_number').on('round_comments').columns(['round_id', 'number']).unique().execute()
      },
    },
    '0013_proposals': {
      async up(db: Kysely<unknown>) {
        // Proposals under lazy consensus (issue 16, proposals/) and each member's stance on them.
        await db.schema
          .createTable('proposals')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('document', 'text', (c) => c.notNull())
          .addColumn('target', 'text', (c) => c.notNull())
          .addColumn('change_json', 'text', (c) => c.notNull())
          .addColumn('before_json', 'text', (c) => c.notNull())
          .addColumn('rationale', 'text', (c) => c.notNull())
          .addColumn('author_id', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('closes_at', 'text', (c) => c.notNull())
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('claimed_by', 'text')
          .addColumn('claimed_at', 'text')
          .addColumn('decided_at', 'text')
          .addColumn('decided_by', 'text')
          .addColumn('outcome', 'text')
          .addColumn('meeting_id', 'text')
          .execute()
        // The close pass looks for open proposals past their closing time.
        await db.schema.createIndex('proposals_status_closes').on('proposals').columns(['status', 'closes_at']).execute()
        await db.schema
          .createTable('proposal_responses')
          .addColumn('proposal_id', 'text', (c) => c.notNull())
          .addColumn('member_id', 'text', (c) => c.notNull())
          .addColumn('stance', 'text', (c) => c.notNull())
          .addColumn('reason', 'text', (c) => c.notNull())
          .addColumn('at', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('proposal_responses_pk', ['proposal_id', 'member_id'])
          .execute()
      },
    },
    '0015_assessments': {
      async up(db: Kysely<unknown>) {
        // Self-assessment (issue 17, assessment/): each member's choices for their private
        // assessment document (the ratings live in `assessment:<memberId>`), one row a member.
        await db.schema
          .createTable('assessment_settings')
          .addColumn('member_id', 'text', (c) => c.primaryKey())
          .addColumn('release_id', 'text')
          .addColumn('current_role', 'text')
          .addColumn('pmo_type', 'text')
          .addColumn('target_role', 'text')
          .addColumn('share', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .execute()
        // "This was hard to judge": the comment it became, and which release and competency it
        // is about, so the group's aggregates can count it (only for members who share).
        await db.schema
          .createTable('assessment_feedback')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('member_id', 'text', (c) => c.notNull())
          .addColumn('release_id', 'text', (c) => c.notNull())
          .addColumn('competency_id', 'text', (c) => c.notNull())
          .addColumn('comment_id', 'text', (c) => c.notNull())
          .addColumn('anonymous', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute()
        await db.schema.createIndex('assessment_feedback_release').on('assessment_feedback').columns(['release_id', 'competency_id']).execute()
        // A comment sent without its author's name: every reader shows it as anonymous.
        await db.schema.alterTable('comments').addColumn('anonymous', 'integer', (c) => c.notNull().defaultTo(0)).execute()
      },
    },
    '0016_document_snapshots': {
      async up(db: Kysely<unknown>) {
        // A long log loads fast (issue 19, store/document-snapshots.ts): a document's state may
        // also hold the log's entries up to `folded_through` (the highest id folded in) without
        // their being deleted; `folded_entries` is how many of the log's entries that is, so a
        // load can tell that no entry with a lower id committed after the fold. Null and 0: the
        // state holds only what compaction deleted, and a load replays the whole log.
        await db.schema.alterTable('documents').addColumn('folded_through', 'integer').execute()
        await db.schema.alterTable('documents').addColumn('folded_entries', 'integer', (c) => c.notNull().defaultTo(0)).execute()
      },
    },
  }
}

export function migrationProvider(dialect: Dialect): MigrationProvider {
  return { getMigrations: async () => migrations(dialect) }
}
