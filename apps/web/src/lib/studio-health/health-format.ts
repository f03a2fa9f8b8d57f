/** Sizes and durations on the organisers' health page, in the words a person reads them. */

const units = ['bytes', 'KB', 'MB', 'GB', 'TB'] as const

/** "812 bytes", "4.2 MB", "37 GB": binary multiples, one decimal below ten. */
export function formatBytes(bytes: number): string {
  let value = bytes
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit += 1
  }
  if (unit === 0) return `${Math.round(value)} ${value === 1 ? 'byte' : 'bytes'}`
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`
}

/** "3 days 4 hours", "5 hours 12 minutes", "7 minutes", "under a minute": the two largest parts. */
export function formatDuration(seconds: number): string {
  const parts: Array<[number, string]> = [
    [Math.floor(seconds / 86_400), 'day'],
    [Math.floor((seconds % 86_400) / 3600), 'hour'],
    [Math.floor((seconds % 3600) / 60), 'minute'],
  ]
  const first = parts.findIndex(([count]) => count > 0)
  if (first === -1) return 'under a minute'
  return parts.slice(first, first + 2).filter(([count]) => count > 0)
    .map(([count, unit]) => `${count} ${unit}${count === 1 ? '' : 's'}`).join(' ')
}

/** "42 % free" with no decimals unless it is under one per cent. */
export function freeShare(freeBytes: number, totalBytes: number): string {
  if (totalBytes <= 0) return ''
  const share = (freeBytes / totalBytes) * 100
  return `${share < 1 ? share.toFixed(1) : Math.round(share)} % free`
}
