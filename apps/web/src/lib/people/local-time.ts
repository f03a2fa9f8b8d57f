/**
 * What time it is for someone else: their wall clock now, and how far it is from the
 * reader's own, so "is it a sensible hour to expect an answer from them?" is a glance.
 */

/** Minutes the zone's wall clock is ahead of UTC at `now` (negative behind); null for a zone this browser does not know. */
export function utcOffsetMinutes(zone: string, now: Date): number | null {
  let parts: Intl.DateTimeFormatPart[]
  try {
    parts = new Intl.DateTimeFormat('en-GB', {
      timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric',
    }).formatToParts(now)
  } catch {
    return null
  }
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value)
  const wallClock = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'))
  const utcToTheMinute = Math.floor(now.getTime() / 60_000) * 60_000
  return Math.round((wallClock - utcToTheMinute) / 60_000)
}

/**
 * "14:05" in the zone, with the weekday when their day is not the reader's ("Tue 02:05").
 * A zone this browser does not know is shown as it is.
 */
export function localTimeIn(zone: string, now: Date, viewerZone: string): string {
  try {
    const time = new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(now)
    const day = (timeZone: string) => new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short' }).format(now)
    return day(zone) === day(viewerZone) ? time : `${day(zone)} ${time}`
  } catch {
    return zone
  }
}

/** "5 hours behind you", "1 hour 30 minutes ahead of you", "same time as you"; null when either zone is unknown. */
export function differenceFromViewer(zone: string, viewerZone: string, now: Date): string | null {
  const theirs = utcOffsetMinutes(zone, now)
  const mine = utcOffsetMinutes(viewerZone, now)
  if (theirs === null || mine === null) return null
  const minutes = theirs - mine
  if (minutes === 0) return 'same time as you'
  const size = Math.abs(minutes)
  const hours = Math.floor(size / 60)
  const rest = size % 60
  const words = [hours ? `${hours} ${hours === 1 ? 'hour' : 'hours'}` : '', rest ? `${rest} minutes` : ''].filter(Boolean).join(' ')
  return minutes > 0 ? `${words} ahead of you` : `${words} behind you`
}
