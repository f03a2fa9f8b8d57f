/**
 * What a new workspace starts with. Seeding runs once per workspace: the `seeds` row is
 * inserted in the same transaction as the seed's log entry, so two instances starting
 * together, or a retry after a crash, can never seed twice.
 */
import { DocumentName } from '@studio/contract'
import { importFramework, markdownToYUpdate, seedFiles, validateExchange } from '@studio/framework'
import { readFile } from 'node:fs/promises'
import type { Kysely } from 'kysely'
import * as Y from 'yjs'
import { meetingsSeedUpdate } from '../meetings/meetings-seed.ts'
import type { Database } from '../store/schema.ts'
import { appendUpdateIn } from '../store/update-log.ts'

interface Seed {
  document: string
  update: () => Promise<Uint8Array>
}

const seeds: Seed[] = [
  {
    document: DocumentName.termsOfReference,
    update: async () => markdownToYUpdate(await readFile(seedFiles.termsOfReference, 'utf8')),
  },
  {
    document: DocumentName.competencyMatrix,
    update: async () => starterMatrixUpdate(JSON.parse(await readFile(seedFiles.starterFramework, 'utf8'))),
  },
  {
    document: DocumentName.meetings,
    update: async () => meetingsSeedUpdate(),
  },
]

/** The starter framework as one update, written through the same import an organiser uses. */
function starterMatrixUpdate(data: unknown): Uint8Array {
  const checked = validateExchange(data)
  if (!checked.ok) throw new Error(`The starter framework is invalid: ${checked.problems.map((p) => `${p.path} ${p.message}`).join('; ')}`)
  const doc = new Y.Doc()
  importFramework(doc, checked.framework, 'replace')
  const update = Y.encodeStateAsUpdate(doc)
  doc.destroy()
  return update
}

/** Seeds every document that has never been seeded; returns the names it seeded. */
export async function seedWorkspace(db: Kysely<Database>): Promise<string[]> {
  const seeded: string[] = []
  for (const seed of seeds) {
    const already = await db.selectFrom('seeds').select('document').where('document', '=', seed.document).executeTakeFirst()
    if (already) continue
    const update = await seed.update()
    const inserted = await db.transaction().execute(async (trx) => {
      const claim = await trx
        .insertInto('seeds')
        .values({ document: seed.document, seeded_at: new Date().toISOString() })
        .onConflict((conflict) => conflict.column('document').doNothing())
        .executeTakeFirst()
      if (Number(claim.numInsertedOrUpdatedRows ?? 0n) !== 1) return false
      await appendUpdateIn(trx, { document: seed.document, update, authorId: null })
      return true
    })
    if (inserted) seeded.push(seed.document)
  }
  return seeded
}
