import { describe, expect, it } from 'vitest'
import { roomyScreenQuery, unfoldsByDefault } from './screen-room.ts'

describe('whether secondary controls start unfolded', () => {
  it('opens them on a tall laptop or desktop screen', () => {
    expect(unfoldsByDefault(1280, 900)).toBe(true)
    expect(unfoldsByDefault(1920, 1080)).toBe(true)
  })

  it('folds them on the common 1366 by 768 laptop, where they would push the grid off the first screen', () => {
    expect(unfoldsByDefault(1366, 768)).toBe(false)
  })

  it('folds them on a phone, however tall', () => {
    expect(unfoldsByDefault(390, 844)).toBe(false)
  })

  it('states the same rule as a media query for the page to follow', () => {
    expect(roomyScreenQuery).toBe('(min-width: 640px) and (min-height: 800px)')
  })
})
