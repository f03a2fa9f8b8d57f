/**
 * The framework of a release, as a member assesses against it: read from the matrix version
 * the release pins, the way its public downloads read it (releases/public-routes.ts: the
 * history's version, its state as a document). A release's version never changes while it is
 * public, so each is read once per instance and kept (the newest few).
 */
import type { AssessableFramework, AssessmentRelease } from '@studio/contract'
import { documentFromState, readAssessableFramework } from '@studio/framework'
import { findVersion } from '../history/version-store.ts'
import { liveReleases, type ReleaseRow } from '../releases/releases-repository.ts'
import type { Store } from '../store/database.ts'

const kept = 16

export const toAssessmentRelease = (row: ReleaseRow): AssessmentRelease => ({ id: row.id, name: row.name, slug: row.slug, createdAt: row.created_at })

export class ReleaseFrameworks {
  private readonly frameworks = new Map<string, Promise<AssessableFramework | null>>()
  private readonly store: Store

  constructor(store: Store) {
    this.store = store
  }

  /** The release's framework; null when its version is gone (it cannot be, while the release is public). */
  framework(release: Pick<ReleaseRow, 'id' | 'matrix_version_id'>): Promise<AssessableFramework | null> {
    let found = this.frameworks.get(release.id)
    if (!found) {
      found = (async () => {
        const version = await findVersion(this.store.db, release.matrix_version_id)
        if (!version) return null
        const doc = documentFromState(version.state)
        try {
          return readAssessableFramework(doc)
        } finally {
          doc.destroy()
        }
      })()
      found.catch(() => this.frameworks.delete(release.id))
      this.frameworks.set(release.id, found)
      if (this.frameworks.size > kept) this.frameworks.delete(this.frameworks.keys().next().value!)
    }
    return found
  }

  /** The public release a member assesses against: the one they chose while it is public, else the latest. */
  async releaseFor(chosenId: string | null): Promise<{ release: ReleaseRow | null; releases: ReleaseRow[] }> {
    const releases = await liveReleases(this.store.db)
    const release = releases.find((row) => row.id === chosenId) ?? releases[0] ?? null
    return { release, releases }
  }

  /** The ranks of the scale a member's assessment is checked against (none while there is no release). */
  async scaleOf(memberId: string): Promise<Set<number>> {
    const settings = await this.store.db.selectFrom('assessment_settings').select('release_id').where('member_id', '=', memberId).executeTakeFirst()
    const { release } = await this.releaseFor(settings?.release_id ?? null)
    const framework = release ? await this.framework(release) : null
    return new Set((framework?.levels ?? []).map((level) => level.rank))
  }
}
