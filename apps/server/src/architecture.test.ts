/**
 * The server's dependency rule, read from the source: no import cycle anywhere, and no
 * infrastructure folder (store, sessions, collab, http, mail, metrics, memory, redis, backup)
 * importing a feature folder or the composition root (app.ts, main.ts, cli.ts). Features
 * may use infrastructure and each other; infrastructure reaches features only through what
 * app.ts hands it. Imports are read with TypeScript's own pre-processor, so type-only
 * imports count too: a cycle of types is still a cycle a reader has to untangle.
 */
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

const sourceRoot = path.dirname(fileURLToPath(import.meta.url))

export const infrastructureFolders = ['store', 'sessions', 'collab', 'http', 'mail', 'metrics', 'memory', 'redis', 'backup']
export const featureFolders = ['accounts', 'signup', 'members', 'matrix', 'terms', 'meetings', 'comments', 'workspace', 'history', 'activity', 'search', 'notifications', 'my-account', 'people', 'studio-health', 'releases', 'rounds', 'assessment', 'proposals']
const compositionRoot = ['app.ts', 'main.ts', 'cli.ts']

/** Every .ts file under the source root, as paths relative to it with forward slashes. */
function sourceFiles(folder = sourceRoot): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name)
    if (entry.isDirectory()) return sourceFiles(full)
    return entry.name.endsWith('.ts') ? [path.relative(sourceRoot, full).split(path.sep).join('/')] : []
  })
}

/** The files under the source root that `file` imports (relative imports only). */
function importsOf(file: string): string[] {
  const { importedFiles } = ts.preProcessFile(readFileSync(path.join(sourceRoot, file), 'utf8'), true, true)
  return importedFiles
    .map((imported) => imported.fileName)
    .filter((name) => name.startsWith('.'))
    .map((name) => path.posix.normalize(path.posix.join(path.posix.dirname(file), name)))
}

function topFolder(file: string): string {
  return file.includes('/') ? file.split('/')[0]! : file
}

/** Each cycle once, as the files around it; depth-first with the usual three colours. */
export function findCycles(graph: Map<string, string[]>): string[][] {
  const state = new Map<string, 'open' | 'done'>()
  const trail: string[] = []
  const cycles: string[][] = []
  const visit = (file: string) => {
    state.set(file, 'open')
    trail.push(file)
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'open') cycles.push([...trail.slice(trail.indexOf(next)), next])
      else if (!state.has(next)) visit(next)
    }
    trail.pop()
    state.set(file, 'done')
  }
  for (const file of [...graph.keys()].sort()) if (!state.has(file)) visit(file)
  return cycles
}

describe('the server source', () => {
  const files = sourceFiles()
  const graph = new Map(files.map((file) => [file, importsOf(file).filter((target) => files.includes(target))]))

  it('is read from the folders this test knows, so a new folder is placed on purpose', () => {
    const known = new Set([...infrastructureFolders, ...featureFolders])
    const unplaced = [...new Set(files.filter((file) => file.includes('/')).map(topFolder))].filter((folder) => !known.has(folder))
    expect(unplaced, 'add the folder to infrastructureFolders or featureFolders in architecture.test.ts').toEqual([])
  })

  it('has no import cycle', () => {
    const cycles = findCycles(graph).map((cycle) => cycle.join(' -> '))
    expect(cycles).toEqual([])
  })

  it('never imports a feature folder or the composition root from an infrastructure folder', () => {
    const upward = [...graph].flatMap(([file, targets]) =>
      infrastructureFolders.includes(topFolder(file))
        ? targets.filter((target) => featureFolders.includes(topFolder(target)) || compositionRoot.includes(target)).map((target) => `${file} imports ${target}`)
        : [],
    )
    expect(upward).toEqual([])
  })

  it('finds a cycle when there is one, naming its files', () => {
    const cycles = findCycles(new Map([['a.ts', ['b.ts']], ['b.ts', ['c.ts']], ['c.ts', ['a.ts']], ['d.ts', ['a.ts']]]))
    expect(cycles).toEqual([['a.ts', 'b.ts', 'c.ts', 'a.ts']])
  })
})
