/**
 * CPU time and resident memory of a server process, read from /proc so that the three
 * servers are measured the same way without any code inside them. CPU counts every
 * thread (the event loop, libuv's pool, V8's collector helpers) in clock ticks.
 */
import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'

const ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100

export interface CpuTimes {
  /** Microseconds running the process's own code (JavaScript, V8, libuv). */
  user: number
  /** Microseconds in the kernel on its behalf (mostly socket reads and writes here). */
  system: number
}

/** CPU time of process `pid` so far. */
export function cpuTimes(pid: number): CpuTimes {
  return timesIn(readFileSync(`/proc/${pid}/stat`, 'utf8'))
}

/** The user and kernel time in a line of /proc's `stat` (a process's or a thread's). */
function timesIn(stat: string): CpuTimes {
  // Fields after the command name, which is in parentheses and may hold spaces.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  // utime and stime are fields 14 and 15 of the whole line, 12 and 13 counted from the state field.
  const micros = (ticks: string | undefined) => (Number(ticks) * 1_000_000) / ticksPerSecond
  return { user: micros(fields[11]), system: micros(fields[12]) }
}

/**
 * CPU time (user and kernel, µs) of process `pid` per kind of thread, by the thread's name:
 * `MainThread` (the event loop), `V8Worker` (the collector's and compiler's helpers),
 * `libuv-worker` (the pool for file, DNS and crypto work), and any other. Which of them a
 * server's extra time is in says where to look (each run's progress line prints them).
 */
export function threadCpuTimes(pid: number): Map<string, number> {
  const times = new Map<string, number>()
  for (const task of readdirSync(`/proc/${pid}/task`)) {
    let stat: string
    try {
      stat = readFileSync(`/proc/${pid}/task/${task}/stat`, 'utf8')
    } catch {
      continue // the thread ended meanwhile
    }
    const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'))
    const { user, system } = timesIn(stat)
    times.set(name, (times.get(name) ?? 0) + user + system)
  }
  return times
}

/** What each kind of thread used between two readings of threadCpuTimes, in ms, busiest first. */
export function threadCpuBetween(before: Map<string, number>, after: Map<string, number>): Record<string, number> {
  const used = [...after].map(([name, micros]) => [name, (micros - (before.get(name) ?? 0)) / 1000] as const)
  return Object.fromEntries(used.filter(([, ms]) => ms > 0).sort((a, b) => b[1] - a[1]))
}

/** Resident set size of process `pid`, in bytes. */
export function rssBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const match = /^VmRSS:\s+(\d+) kB$/m.exec(status)
  if (!match) throw new Error(`No VmRSS for process ${pid}`)
  return Number(match[1]) * 1024
}

/** CPU time the whole machine has spent busy and in total (all cores), in microseconds. */
export function machineCpu(): { busy: number; total: number } {
  const [line] = readFileSync('/proc/stat', 'utf8').split('\n')
  // cpu  user nice system idle iowait irq softirq steal ...
  const ticks = line!.trim().split(/\s+/).slice(1, 9).map(Number)
  const total = ticks.reduce((sum, value) => sum + value, 0)
  const idle = ticks[3]! + ticks[4]!
  const micros = (value: number) => (value * 1_000_000) / ticksPerSecond
  return { busy: micros(total - idle), total: micros(total) }
}
