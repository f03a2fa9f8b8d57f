/**
 * Reads a V8 CPU profile of the studio (`pnpm bench --profile`, node --cpu-prof) and sums
 * the samples inside one run's measuring window, so start-up, joining and shutdown do not
 * blur where the time goes. V8 stamps samples with the monotonic clock that
 * process.hrtime() reads here, so the window can be cut exactly.
 */
import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
  children?: number[]
}

interface CpuProfile {
  nodes: ProfileNode[]
  startTime: number
  samples: number[]
  timeDeltas: number[]
}

/** The profile a process wrote (its file name carries the pid). */
export async function profileOf(directory: string, pid: number): Promise<string | undefined> {
  const name = (await readdir(directory)).find((file) => file.includes(`.${pid}.`) && file.endsWith('.cpuprofile'))
  return name ? path.join(directory, name) : undefined
}

function frameName(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame
  if (!url) return functionName || '(anonymous)'
  const file = url.replace(/^.*\/node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?/, '').replace(/^file:\/\/\/.*?\/(apps|packages)\//, '$1/')
  return `${functionName || '(anonymous)'} ${file}:${lineNumber + 1}`
}

/** Self and inclusive time per function inside [fromMicros, toMicros), as text lines. */
export async function summariseProfile(file: string, fromMicros: number, toMicros: number, top = 25): Promise<string> {
  const profile = JSON.parse(await readFile(file, 'utf8')) as CpuProfile
  const byId = new Map(profile.nodes.map((node) => [node.id, node]))
  const parentOf = new Map<number, number>()
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id)

  const self = new Map<string, number>()
  const inclusive = new Map<string, number>()
  let total = 0
  let idle = 0
  let time = profile.startTime
  profile.samples.forEach((id, index) => {
    time += profile.timeDeltas[index] ?? 0
    const weight = profile.timeDeltas[index + 1] ?? 0
    if (time < fromMicros || time >= toMicros) return
    const node = byId.get(id)!
    total += weight
    if (node.callFrame.functionName === '(idle)') {
      idle += weight
      return
    }
    self.set(frameName(node), (self.get(frameName(node)) ?? 0) + weight)
    const seen = new Set<string>()
    for (let at: number | undefined = id; at !== undefined; at = parentOf.get(at)) {
      const name = frameName(byId.get(at)!)
      if (seen.has(name)) continue
      seen.add(name)
      inclusive.set(name, (inclusive.get(name) ?? 0) + weight)
    }
  })
  const busy = total - idle
  const lines = (map: Map<string, number>) =>
    [...map].sort((a, b) => b[1] - a[1]).slice(0, top).map(([name, micros]) => `  ${((micros / busy) * 100).toFixed(1).padStart(5)}%  ${name}`)
  return [
    `main thread busy ${(busy / 1000).toFixed(0)} ms of ${(total / 1000).toFixed(0)} ms; shares below are of the busy time`,
    'self time:', ...lines(self),
    'inclusive time:', ...lines(new Map([...inclusive].filter(([name]) => name !== '(root)'))),
  ].join('\n')
}
