/**
 * Releasing the framework (issue 16, point 3): a release names a version of the competency
 * matrix (an existing one, or one captured now) and pins the terms of reference's latest
 * version at that moment (capturing one when the terms changed since). Both versions are
 * then kept from thinning for ever (history/version-store.ts reads the releases table).
 */
import { DocumentName, releaseCurrentMatrix, releasePaths, type CreateReleaseBody, type Release } from '@studio/contract'
import { readableId } from '@studio/framework'
import { randomUUID } from 'node:crypto'
import { HttpError, notFound } from '../http/errors.ts'
import type { History } from '../history/history.ts'
import { versionOf } from '../history/history-routes.ts'
import { recordAudit } from '../members/audit.ts'
import type { Store } from '../store/database.ts'
import { insertRelease, takenSlugs, type ReleaseRow } from './releases-repository.ts'

export const matrixDocument = DocumentName.competencyMatrix
export const termsDocument = DocumentName.termsOfReference

export function toRelease(row: ReleaseRow, names: ReadonlyMap<string, string>): Release {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    notes: row.notes,
    matrixVersionId: row.matrix_version_id,
    termsVersionId: row.terms_version_id,
    createdAt: row.created_at,
    createdBy: { id: row.created_by, name: names.get(row.created_by) ?? 'A former member' },
    publicPath: releasePaths.publicRelease(row.slug),
  }
}

/** The members' names by id, for `createdBy`. */
export async function memberNames(store: Store, ids: Iterable<string>): Promise<Map<string, string>> {
  const wanted = [...new Set(ids)]
  if (wanted.length === 0) return new Map()
  const rows = await store.db.selectFrom('members').select(['id', 'name']).where('id', 'in', wanted).execute()
  return new Map(rows.map((row) => [row.id, row.name]))
}

const nameTaken = (name: string) => new HttpError(409, 'conflict', `A release named "${name}" is already public. Choose another name, or withdraw that release first.`, [
  { field: 'name', message: 'Choose a name no public release has.' },
])

/** Records a release of `body.versionId` (or the matrix now) by `memberId`, with its audit entry. */
export async function createRelease(context: { store: Store; history: History }, memberId: string, body: CreateReleaseBody): Promise<ReleaseRow> {
  const { store, history } = context
  const live = await store.db.selectFrom('releases').select('id').where('withdrawn_at', 'is', null).where('name', '=', body.name).executeTakeFirst()
  if (live) throw nameTaken(body.name)
  const matrixVersionId = body.versionId === releaseCurrentMatrix
    ? (await history.capture(matrixDocument, 'named', { name: body.name }))!.id
    : (await versionOf(history, matrixDocument, body.versionId, 'versionId')).id
  // The terms as they are now: a new version only when they changed since the latest one.
  const captured = await history.capture(termsDocument, 'auto', { onlyIfChanged: true })
  const termsVersionId = captured?.id ?? (await history.list(termsDocument))[0]?.id ?? null

  return history.withoutThinning([matrixDocument, termsDocument], async () => {
    // Thinning may have taken an automatic version between the choice and now.
    for (const id of [matrixVersionId, termsVersionId]) {
      if (id !== null && !(await history.find(id))) throw notFound('That version has just been thinned away. Choose another version, or release the matrix as it is now.')
    }
    for (let attempt = 0; ; attempt++) {
      const row: ReleaseRow = {
        id: randomUUID(),
        slug: readableId(body.name, await takenSlugs(store.db)),
        name: body.name,
        notes: body.notes,
        matrix_version_id: matrixVersionId,
        terms_version_id: termsVersionId,
        created_at: new Date().toISOString(),
        created_by: memberId,
        withdrawn_at: null,
        withdrawn_by: null,
      }
      try {
        await store.db.transaction().execute(async (trx) => {
          await insertRelease(trx, row)
          await recordAudit(trx, { actorId: memberId, action: 'release', targetId: null, detail: `${row.name} (${row.slug}), matrix version ${row.matrix_version_id}` })
        })
        return row
      } catch (error) {
        // Another release took the same slug a moment ago (another instance): take the next.
        const slugTaken = (await takenSlugs(store.db)).has(row.slug)
        if (!slugTaken || attempt >= 3) throw error
      }
    }
  })
}
