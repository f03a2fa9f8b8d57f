/**
 * Whether a screen has room to show secondary controls unfolded above the work: the
 * matrix's view and filters, a meeting's details and downloads. On a laptop's 768 pixels
 * (or a phone) they would push the grid or the notes off the first screen, so they start
 * folded there, until the person opens them.
 */

/** Shorter than this, or narrower, and they start folded. */
export const roomyScreen = { minWidth: 640, minHeight: 800 } as const

/** The same rule as a media query, so a page follows the screen as it settles or turns. */
export const roomyScreenQuery = `(min-width: ${roomyScreen.minWidth}px) and (min-height: ${roomyScreen.minHeight}px)`

export function unfoldsByDefault(width: number, height: number): boolean {
  return width >= roomyScreen.minWidth && height >= roomyScreen.minHeight
}
