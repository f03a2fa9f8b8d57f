/**
 * Turns runs into verdicts and tables: the console's plain text, and the Markdown that
 * goes into docs/PERFORMANCE.md. Every figure is the median over runs with min and max;
 * every ratio is the studio's median over the baseline's.
 */
import { cpuVersusHocuspocus, settleTolerance, type Scenario } from './scenarios.ts'
import type { RunResult } from './run.ts'
import { allServerKinds, serverLabels, type ServerKind } from './servers.ts'
import type { StormResult } from './storm.ts'
import { settleRatio } from './settle.ts'
import { spread, type Spread } from './stats.ts'

export interface ScenarioOutcome {
  scenario: Scenario
  runs: RunResult[]
}

export interface Verdict {
  target: string
  figure: string
  met: boolean
}

interface Column {
  heading: string
  value: (run: RunResult) => number
  digits: number
}

const columns: Column[] = [
  { heading: 'p50 ms', value: (run) => run.p50, digits: 1 },
  { heading: 'p95 ms', value: (run) => run.p95, digits: 1 },
  { heading: 'p99 ms', value: (run) => run.p99, digits: 1 },
  { heading: 'deliveries/s', value: (run) => run.deliveriesPerSecond, digits: 0 },
  { heading: 'CPU µs/delivery', value: (run) => run.cpuMicrosPerDelivery, digits: 1 },
  { heading: 'server CPU %', value: (run) => run.serverCpuPercent, digits: 0 },
  { heading: 'of it kernel %', value: (run) => run.systemCpuShare * 100, digits: 0 },
  { heading: 'RSS KiB/person', value: (run) => run.rssPerPersonBytes / 1024, digits: 0 },
  { heading: 'missing', value: (run) => run.missing, digits: 0 },
  { heading: 'generator CPU %', value: (run) => run.generatorCpuPercent, digits: 0 },
  { heading: 'generator lag p99 ms', value: (run) => run.generatorDelayP99Ms, digits: 1 },
]

function format(value: number, digits: number): string {
  if (!Number.isFinite(value)) return '–'
  return value.toLocaleString('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits })
}

function formatSpread(s: Spread, digits: number, runs: number): string {
  if (runs <= 1 || !Number.isFinite(s.median)) return format(s.median, digits)
  return `${format(s.median, digits)} (${format(s.min, digits)}–${format(s.max, digits)})`
}

function runsOf(outcome: ScenarioOutcome, kind: ServerKind): RunResult[] {
  return outcome.runs.filter((run) => run.server === kind)
}

function medianOf(outcome: ScenarioOutcome, kind: ServerKind, value: (run: RunResult) => number): number {
  return spread(runsOf(outcome, kind).map(value)).median
}

function ratio(outcome: ScenarioOutcome, baseline: ServerKind, value: (run: RunResult) => number, of: ServerKind = 'studio'): number {
  return medianOf(outcome, of, value) / medianOf(outcome, baseline, value)
}

/** Rows of the scenario's table, one per server that ran: [label, ...cells]. */
function rows(outcome: ScenarioOutcome): string[][] {
  return allServerKinds
    .filter((kind) => runsOf(outcome, kind).length > 0)
    .map((kind) => {
      const runs = runsOf(outcome, kind)
      return [serverLabels[kind], ...columns.map((column) => formatSpread(spread(runs.map(column.value)), column.digits, runs.length))]
    })
}

/** The studio against each baseline, and each diagnostic server against bare Hocuspocus. */
const comparisons: Array<[ServerKind, ServerKind]> = [
  ['studio', 'hocuspocus'], ['studio', 'y-websocket'], ['studio', 'hocuspocus-log'],
  ['hocuspocus-log', 'hocuspocus'], ['hocuspocus-beside-studio', 'hocuspocus'], ['studio-collab-alone', 'hocuspocus'],
]

function ratioLines(outcome: ScenarioOutcome): string[] {
  return comparisons
    .filter(([of, baseline]) => runsOf(outcome, of).length > 0 && runsOf(outcome, baseline).length > 0)
    .map(([of, baseline]) => {
      const p99 = ratio(outcome, baseline, (run) => run.p99, of)
      const cpu = ratio(outcome, baseline, (run) => run.cpuMicrosPerDelivery, of)
      const rss = ratio(outcome, baseline, (run) => run.rssPerPersonBytes, of)
      return `${serverLabels[of]} ÷ ${serverLabels[baseline]}: p99 ×${format(p99, 2)}, CPU per delivery ×${format(cpu, 2)}, RSS per person ×${format(rss, 2)}`
    })
}

export function verdicts(outcomes: ScenarioOutcome[], storms: StormResult[]): Verdict[] {
  const found: Verdict[] = []
  for (const outcome of outcomes) {
    const { scenario } = outcome
    const studio = runsOf(outcome, 'studio')
    if (studio.length === 0) continue
    const hasBare = runsOf(outcome, 'hocuspocus').length > 0
    if (hasBare) {
      const cpu = ratio(outcome, 'hocuspocus', (run) => run.cpuMicrosPerDelivery)
      found.push({ target: `${scenario.name}: studio CPU per delivery ≤ ${cpuVersusHocuspocus} × bare Hocuspocus`, figure: `×${format(cpu, 2)}`, met: cpu <= cpuVersusHocuspocus })
    }
    if (scenario.p99VersusHocuspocus && hasBare) {
      const p99 = ratio(outcome, 'hocuspocus', (run) => run.p99)
      found.push({ target: `${scenario.name}: studio p99 ≤ ${scenario.p99VersusHocuspocus} × bare Hocuspocus`, figure: `×${format(p99, 2)}`, met: p99 <= scenario.p99VersusHocuspocus })
    }
    if (scenario.p99BelowMs) {
      const p99 = spread(studio.map((run) => run.p99))
      found.push({ target: `${scenario.name}: studio p99 < ${scenario.p99BelowMs} ms`, figure: `${formatSpread(p99, 1, studio.length)} ms`, met: p99.median < scenario.p99BelowMs })
    }
    const settled = studio.flatMap((run) => (run.settle ? [run.settle] : []))
    if (settled.length > 0) {
      const unloaded = settled.every((settle) => settle.unloadMs !== null)
      found.push({ target: `${scenario.name}: every document unloaded once everyone left`, figure: unloaded ? `within ${format(spread(settled.map((s) => s.unloadMs!)).max / 1000, 1)} s` : 'not all', met: unloaded })
      const memory = spread(settled.map(settleRatio))
      found.push({ target: `${scenario.name}: studio RSS back within ${settleTolerance * 100}% of its start`, figure: `×${formatSpread(memory, 3, settled.length)}`, met: memory.median <= 1 + settleTolerance })
    }
  }
  const studioStorms = storms.filter((storm) => storm.server === 'studio')
  if (studioStorms.length > 0) {
    const errors = studioStorms.reduce((sum, storm) => sum + storm.errors, 0)
    found.push({ target: `storm: ${studioStorms[0]!.people} people connecting and reconnecting at once, no errors (studio)`, figure: `${errors} errors`, met: errors === 0 })
  }
  return found
}

function stormRows(storms: StormResult[]): string[][] {
  return allServerKinds
    .filter((kind) => storms.some((storm) => storm.server === kind))
    .map((kind) => {
      const mine = storms.filter((storm) => storm.server === kind)
      const cell = (value: (storm: StormResult) => number) => formatSpread(spread(mine.map(value)), 0, mine.length)
      return [serverLabels[kind], cell((s) => s.joinMs), cell((s) => s.reconnectMs), cell((s) => s.reconnectFromFirstSocketMs), String(mine.reduce((sum, s) => sum + s.errors, 0))]
    })
}

const stormHeadings = ['join ms', 'reconnect ms (from the drop)', 'reconnect ms (from the first new socket)', 'errors (all runs)']

function settleLines(outcomes: ScenarioOutcome[]): string[] {
  return outcomes.flatMap((outcome) =>
    runsOf(outcome, 'studio').flatMap((run) => {
      if (!run.settle) return []
      const { startRss, endRss, startMemory, endMemory, unloadMs } = run.settle
      const mib = (bytes: number | undefined) => format((bytes ?? Number.NaN) / 1024 / 1024, 1)
      return [
        `${outcome.scenario.name}: documents unloaded ${unloadMs === null ? 'NOT within 60 s' : `after ${format(unloadMs / 1000, 1)} s`}; ` +
          `RSS ${mib(startRss)} MiB at the start, ${mib(endRss)} MiB after (×${format(endRss / startRss, 3)}); ` +
          `V8 heap in use ${mib(startMemory?.heapUsed)} → ${mib(endMemory?.heapUsed)} MiB (reserved ${mib(startMemory?.heapTotal)} → ${mib(endMemory?.heapTotal)}), ` +
          `outside the heap ${mib(startMemory?.external)} → ${mib(endMemory?.external)} MiB`,
      ]
    }),
  )
}

function textTable(headings: string[], body: string[][]): string {
  const all = [headings, ...body]
  const widths = headings.map((_, column) => Math.max(...all.map((row) => row[column]!.length)))
  return all.map((row) => row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  ')).join('\n')
}

function markdownTable(headings: string[], body: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`
  return [line(headings), line(headings.map(() => '---')), ...body.map(line)].join('\n')
}

export function consoleReport(outcomes: ScenarioOutcome[], storms: StormResult[]): string {
  const parts: string[] = []
  for (const outcome of outcomes) {
    parts.push(`\n${outcome.scenario.title} (${outcome.runs.length / new Set(outcome.runs.map((r) => r.server)).size} run(s) per server; median (min–max))`)
    parts.push(textTable(['server', ...columns.map((c) => c.heading)], rows(outcome)))
    parts.push(...ratioLines(outcome))
    for (const run of outcome.runs) {
      if (run.problems > 0) parts.push(`  ${serverLabels[run.server]}: ${run.problems} client problems, e.g. ${run.problemExamples.join('; ')}`)
    }
  }
  const settle = settleLines(outcomes)
  if (settle.length > 0) parts.push('\nAfter everyone left (studio):', ...settle)
  if (storms.length > 0) {
    parts.push(`\nReconnect storm: ${storms[0]!.people} people connecting at once, then all dropped and reconnecting at once`)
    parts.push(textTable(['server', ...stormHeadings], stormRows(storms)))
    for (const storm of storms) if (storm.examples.length > 0) parts.push(`  ${serverLabels[storm.server]}: ${storm.examples.join('; ')}`)
  }
  const found = verdicts(outcomes, storms)
  if (found.length > 0) {
    parts.push('\nTargets:')
    for (const verdict of found) parts.push(`  ${verdict.met ? 'met   ' : 'MISSED'}  ${verdict.target}: ${verdict.figure}`)
  }
  return parts.join('\n')
}

export interface MachineContext {
  date: string
  cpu: string
  cores: number
  memoryGiB: number
  node: string
  loadBefore: string
  loadAfter: string
  minutes: number
  /** Share of the machine's CPU that other processes used during the run. */
  othersPercent: number
  quick: boolean
}

/** The generated part of PERFORMANCE.md's load section. */
export function markdownReport(outcomes: ScenarioOutcome[], storms: StormResult[], machine: MachineContext): string {
  const parts: string[] = []
  parts.push(
    `${machine.quick ? 'Quick run' : 'Full run'}: ${machine.date}, ${machine.cores} × ${machine.cpu}, ${format(machine.memoryGiB, 0)} GiB, Node ${machine.node}; ` +
      `load average ${machine.loadBefore} before and ${machine.loadAfter} after (this bench included); other processes used ` +
      `${format(machine.othersPercent, 1)}% of the machine's CPU meanwhile; ${format(machine.minutes, 1)} minutes${machine.quick ? ' (smaller scenarios, one run each)' : ''}.`,
  )
  const found = verdicts(outcomes, storms)
  parts.push('', markdownTable(['target', 'figure', 'verdict'], found.map((v) => [v.target, v.figure, v.met ? 'met' : '**missed**'])))
  for (const outcome of outcomes) {
    const perServer = outcome.runs.length / new Set(outcome.runs.map((r) => r.server)).size
    parts.push('', `**${outcome.scenario.title}** (${perServer} run${perServer === 1 ? '' : 's'} per server)`, '')
    parts.push(markdownTable(['server', ...columns.map((c) => c.heading)], rows(outcome)))
    const ratios = ratioLines(outcome)
    if (ratios.length > 0) parts.push('', ratios.join('; ') + '.')
  }
  const settle = settleLines(outcomes)
  if (settle.length > 0) parts.push('', '**After everyone left** (the studio, each run of the scenario):', '', ...settle.map((line) => `- ${line}`))
  if (storms.length > 0) {
    parts.push('', `**Reconnect storm**: ${storms[0]!.people} people connecting at once, then all dropped and reconnecting at once`, '')
    parts.push(markdownTable(['server', ...stormHeadings], stormRows(storms)))
  }
  return parts.join('\n')
}
