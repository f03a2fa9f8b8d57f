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
  }
}

export function migrationProvider(dialect: Dialect): MigrationProvider {
  return { getMigrations: async () => migrations(dialect) }
}
