/**
 * CPU time and resident memory of a server process, read from /proc so that the three
 * servers are measured the same way without any code inside them. CPU counts every
 * thread (the event loop, libuv's pool, V8's collector helpers) in clock ticks.
 */
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'

const ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100

export interface CpuTimes {
  /** Microseconds running the process's own code (JavaScript, V8, libuv). */
  user: number
  /** Microseconds in the kernel on its behalf (mostly socket reads and writes here). */
  system: number
}

/** CPU time of process `pid` so far. */
export function cpuTimes(pid: number): CpuTimes {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  // Fields after the command name, which is in parentheses and may hold spaces.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  // utime and stime are fields 14 and 15 of the whole line, 12 and 13 counted from the state field.
  const micros = (ticks: string | undefined) => (Number(ticks) * 1_000_000) / ticksPerSecond
  return { user: micros(fields[11]), system: micros(fields[12]) }
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
