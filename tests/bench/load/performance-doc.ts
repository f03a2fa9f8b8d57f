/**
 * Writes the bench's figures into docs/PERFORMANCE.md, between two markers inside the
 * load section, so the prose around them (method, what bounds each figure) is kept and the
 * update-log section above is never touched.
 */
import { readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { repositoryRoot } from '../../support/studio.ts'

const documentPath = path.join(repositoryRoot, 'docs/PERFORMANCE.md')
const begin = '<!-- load-bench:begin (written by `pnpm bench`; edit the text around it instead) -->'
const end = '<!-- load-bench:end -->'
const sectionHeading = '## Load: the studio against bare Hocuspocus and y-websocket'

export async function writeLoadSection(generated: string): Promise<string> {
  const current = await readFile(documentPath, 'utf8')
  const block = `${begin}\n${generated}\n${end}`
  const start = current.indexOf(begin)
  const stop = current.indexOf(end)
  const next = start >= 0 && stop > start
    ? current.slice(0, start) + block + current.slice(stop + end.length)
    : `${current.trimEnd()}\n\n${sectionHeading}\n\n${block}\n`
  await writeFile(documentPath, next)
  return documentPath
}
