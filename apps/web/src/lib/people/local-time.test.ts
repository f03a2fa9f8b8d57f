import { describe, expect, it } from 'vitest'
import { differenceFromViewer, localTimeIn, utcOffsetMinutes } from './local-time.ts'

// 30 March 2026: London has moved to summer time (BST, +1) and New York did so on 8 March (EDT, -4).
const springAfternoon = new Date('2026-03-30T13:05:00Z')
// 20 March 2026: New York is already on summer time, London not yet: 4 hours apart, not 5.
const betweenTheChanges = new Date('2026-03-20T13:05:00Z')

describe('utcOffsetMinutes', () => {
  it('reads each zone’s offset at that moment, summer time included', () => {
    expect(utcOffsetMinutes('Europe/London', springAfternoon)).toBe(60)
    expect(utcOffsetMinutes('America/New_York', springAfternoon)).toBe(-240)
    expect(utcOffsetMinutes('Asia/Kolkata', springAfternoon)).toBe(330)
    expect(utcOffsetMinutes('UTC', springAfternoon)).toBe(0)
  })

  it('answers null for a zone the browser does not know', () => {
    expect(utcOffsetMinutes('Mars/Olympus_Mons', springAfternoon)).toBeNull()
  })
})

describe('localTimeIn', () => {
  it('shows the hour and minute in the person’s zone', () => {
    expect(localTimeIn('America/New_York', springAfternoon, 'Europe/London')).toBe('09:05')
    expect(localTimeIn('Europe/London', springAfternoon, 'Europe/London')).toBe('14:05')
  })

  it('names the weekday when their day is not the reader’s', () => {
    expect(localTimeIn('Pacific/Auckland', springAfternoon, 'Europe/London')).toBe('Tue 02:05')
  })
})

describe('differenceFromViewer', () => {
  it('says how far ahead or behind the reader someone is', () => {
    expect(differenceFromViewer('America/New_York', 'Europe/London', springAfternoon)).toBe('5 hours behind you')
    expect(differenceFromViewer('Europe/London', 'America/New_York', springAfternoon)).toBe('5 hours ahead of you')
    expect(differenceFromViewer('Asia/Kolkata', 'Europe/London', springAfternoon)).toBe('4 hours 30 minutes ahead of you')
    expect(differenceFromViewer('Europe/Dublin', 'Europe/London', springAfternoon)).toBe('same time as you')
    expect(differenceFromViewer('Europe/Paris', 'Europe/London', springAfternoon)).toBe('1 hour ahead of you')
  })

  it('follows the weeks when the US and the UK change clocks on different Sundays', () => {
    expect(differenceFromViewer('America/New_York', 'Europe/London', betweenTheChanges)).toBe('4 hours behind you')
  })
})
