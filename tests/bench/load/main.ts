/**
 * The load bench: real clients in this process against three servers in child processes
 * (the studio, bare Hocuspocus, y-websocket's reference server), scenario by scenario,
 * servers taking turns run by run. Prints a table per scenario and the targets met or
 * missed; a full run writes its figures into docs/PERFORMANCE.md.
 *
 *   pnpm bench                          everything (about 12 minutes on two cores)
 *   pnpm bench --quick                  smaller scenarios, one short run each (BENCH_QUICK=1 too)
 *   pnpm bench --scenario meeting       one scenario (repeat or comma-separate; `storm` is one)
 *   pnpm bench --servers studio,hocuspocus --runs 1 --measure 5 --warmup 2 --threads 2
 *   pnpm bench --servers studio,hocuspocus,hocuspocus-log   adds Hocuspocus with only the studio's durable log
 *   pnpm bench --servers hocuspocus,hocuspocus-beside-studio   bare Hocuspocus in a process also running an idle studio
 *   pnpm bench --servers studio,hocuspocus,studio-collab-alone   the studio's collaboration server alone in its own process
 *   pnpm bench --profile                V8 CPU profiles of the servers (node --cpu-prof), summarised per run
 *                                       (--profile-top 60 lists more functions). It samples the main
 *                                       thread's wall time: a native call that waits (SQLite's write)
 *                                       counts as busy. Each run's "server CPU by thread" line is CPU time.
 *   BENCH_SERVER_FLAGS="--trace-gc" pnpm bench ...   node flags for every server (NODE_OPTIONS refuses many)
 *   BENCH_SERVER_LOG=/tmp/server pnpm bench ...      keeps each server's output in /tmp/server-<script>.log
 *                                       (else it is deleted with the server's data directory)
 *   pnpm bench --write / --no-write     write PERFORMANCE.md or not (default: only a full run does)
 */
import { mkdtemp } from 'node:fs/promises'
import { cpus, loadavg, tmpdir, totalmem } from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { writeLoadSection } from './performance-doc.ts'
import { machineCpu } from './process-stats.ts'
import { profileOf, summariseProfile } from './profile-summary.ts'
import { consoleReport, markdownReport, type ScenarioOutcome } from './report.ts'
import { runScenario, type RunResult } from './run.ts'
import { fullTiming, quickStorm, quickTiming, quickVersion, scenarios, storm, type Timing } from './scenarios.ts'
import { allServerKinds, serverKinds, serverLabels, serversCpuMicros, type ServerKind } from './servers.ts'
import { runStorm, type StormResult } from './storm.ts'

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: process.env.BENCH_QUICK === '1' },
    scenario: { type: 'string', multiple: true },
    servers: { type: 'string' },
    runs: { type: 'string' },
    measure: { type: 'string' },
    warmup: { type: 'string' },
    members: { type: 'string', default: '20' },
    threads: { type: 'string', default: '2' },
    profile: { type: 'boolean', default: false },
    'profile-top': { type: 'string', default: '25' },
    write: { type: 'boolean' },
  },
  allowNegative: true,
})

const quick = values.quick === true
const baseTiming = quick ? quickTiming : fullTiming
const timing: Timing = {
  runs: Number(values.runs ?? baseTiming.runs),
  measureSeconds: Number(values.measure ?? baseTiming.measureSeconds),
  warmupSeconds: Number(values.warmup ?? baseTiming.warmupSeconds),
}
const wanted = values.scenario?.flatMap((name) => name.split(',')) ?? [...scenarios.map((s) => s.name), 'storm']
const unknown = wanted.filter((name) => name !== 'storm' && !scenarios.some((s) => s.name === name))
if (unknown.length > 0) {
  console.error(`Unknown scenario ${unknown.join(', ')}; choose from ${[...scenarios.map((s) => s.name), 'storm'].join(', ')}.`)
  process.exit(2)
}
const servers = (values.servers?.split(',') ?? serverKinds) as ServerKind[]
if (servers.some((kind) => !allServerKinds.includes(kind))) {
  console.error(`--servers takes a comma-separated list of ${allServerKinds.join(', ')}.`)
  process.exit(2)
}
const everything = !quick && values.scenario === undefined && values.servers === undefined && timing.runs >= 3
const write = values.write ?? everything
const members = Number(values.members)
const threads = Number(values.threads)

// y-websocket's provider listens for the process's exit once per person.
process.setMaxListeners(0)

/** Servers take turns: the first run in the listed order, each next run rotated by one. */
function turn(run: number): ServerKind[] {
  return servers.map((_, index) => servers[(index + run) % servers.length]!)
}

function progress(message: string): void {
  process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${message}\n`)
}

const started = performance.now()
const loadBefore = loadavg().map((load) => load.toFixed(2)).join(' ')
const machineBefore = machineCpu()
const ownBefore = process.cpuUsage()
const profileDir = values.profile ? await mkdtemp(path.join(tmpdir(), 'studio-profile-')) : undefined
const outcomes: ScenarioOutcome[] = []
for (const base of scenarios.filter((s) => wanted.includes(s.name))) {
  const scenario = quick ? quickVersion(base) : base
  const runs: RunResult[] = []
  for (let run = 0; run < timing.runs; run++) {
    for (const kind of turn(run)) {
      progress(`${scenario.name} run ${run + 1}/${timing.runs}: ${serverLabels[kind]} (${scenario.documents * scenario.peoplePerDocument} people)`)
      const runId = `${scenario.name}-${run + 1}-${kind}`
      const result = await runScenario(scenario, kind, { runId, timing, members, threads, ...(profileDir ? { profileDir } : {}) })
      progress(`  p99 ${result.p99.toFixed(1)} ms, ${result.deliveriesPerSecond.toFixed(0)} deliveries/s, ${result.cpuMicrosPerDelivery.toFixed(1)} µs CPU per delivery, generator CPU ${result.generatorCpuPercent.toFixed(0)}%`)
      progress(`  server CPU by thread: ${Object.entries(result.threadCpuMs).map(([name, ms]) => `${name} ${ms.toFixed(0)} ms`).join(', ')}`)
      runs.push(result)
    }
  }
  outcomes.push({ scenario, runs })
}

const storms: StormResult[] = []
if (wanted.includes('storm')) {
  const plan = quick ? quickStorm : storm
  for (let run = 0; run < timing.runs; run++) {
    for (const kind of turn(run)) {
      progress(`storm run ${run + 1}/${timing.runs}: ${serverLabels[kind]} (${plan.people} people)`)
      storms.push(await runStorm(plan, kind, `storm-${run + 1}-${kind}`, members))
    }
  }
}

console.log(consoleReport(outcomes, storms))
// What the rest of the machine used meanwhile: all busy time less this bench's and its servers'.
const machineAfter = machineCpu()
const own = process.cpuUsage(ownBefore)
const othersShare = (machineAfter.busy - machineBefore.busy - (own.user + own.system + serversCpuMicros())) / (machineAfter.total - machineBefore.total)
const othersPercent = Math.max(0, othersShare * 100)
console.log(`\nOther processes used ${othersPercent.toFixed(1)}% of the machine's CPU during this run.`)

if (profileDir) {
  for (const outcome of outcomes) {
    for (const run of outcome.runs) {
      const file = await profileOf(profileDir, run.pid)
      if (!file) continue
      console.log(`\nWhere ${serverLabels[run.server]}'s time went in ${outcome.scenario.name} (measuring window only):`)
      console.log(await summariseProfile(file, ...run.windowMicros, Number(values['profile-top'])))
    }
  }
  console.log(`\nCPU profiles of the servers (open in Chrome DevTools or speedscope): ${profileDir}`)
}
if (write) {
  const machine = {
    date: new Date().toISOString().slice(0, 10),
    cpu: cpus()[0]?.model.trim() ?? 'unknown CPU',
    cores: cpus().length,
    memoryGiB: totalmem() / 2 ** 30,
    node: process.versions.node,
    loadBefore,
    loadAfter: loadavg().map((load) => load.toFixed(2)).join(' '),
    minutes: (performance.now() - started) / 60_000,
    othersPercent,
    quick,
  }
  console.log(`\nWrote the figures into ${await writeLoadSection(markdownReport(outcomes, storms, machine))}`)
}
