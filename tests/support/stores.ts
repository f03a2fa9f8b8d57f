/**
 * The stores a store-dependent suite runs against: always SQLite in a temporary
 * DATA_DIR, and PostgreSQL too when DATABASE_URL is set, each test in a database of its
 * own that is dropped afterwards.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { openStore, type Store } from '@studio/server/store/database'

export interface StoreTarget {
  kind: 'sqlite' | 'postgres'
  dataDir: string
  databaseUrl: string | null
  dispose(): Promise<void>
}

export const storeKinds: Array<'sqlite' | 'postgres'> = process.env.DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite']

if (!process.env.DATABASE_URL) {
  console.warn('DATABASE_URL is not set: store-dependent suites run on SQLite only.')
}

export async function freshStore(kind: 'sqlite' | 'postgres'): Promise<StoreTarget> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'studio-test-'))
  if (kind === 'sqlite') {
    return { kind, dataDir, databaseUrl: null, dispose: () => rm(dataDir, { recursive: true, force: true }) }
  }
  const adminUrl = process.env.DATABASE_URL!
  const name = `studio_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`
  await withClient(adminUrl, (client) => client.query(`CREATE DATABASE ${name}`))
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  return {
    kind,
    dataDir,
    databaseUrl: url.toString(),
    async dispose() {
      await withClient(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`))
      await rm(dataDir, { recursive: true, force: true })
    },
  }
}

async function withClient<T>(connectionString: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString })
  await client.connect()
  try {
    return await work(client)
  } finally {
    await client.end()
  }
}

/** A fresh store of `kind`, opened; its closing and disposal go on `cleanups`, to run last first. */
export async function openFreshStore(kind: 'sqlite' | 'postgres', cleanups: Array<() => Promise<unknown>>): Promise<Store> {
  const target = await freshStore(kind)
  cleanups.push(() => target.dispose())
  const store = await openStore(target)
  cleanups.push(() => store.close())
  return store
}
