/**
 * Filling a transition's screen. Jira refuses a transition sent without a field its screen
 * requires and has no default for, and one that sets a field its screen does not show. The
 * field a person fills on the way to a done status is the resolution: its value is the screen's
 * default, else the first of the caller's names the field allows (compared without case or the
 * kind of apostrophe). It is set when the screen requires it, or shows it on the way to a status
 * of the done category (left empty there, the issue would be done but "Unresolved"). Any other
 * field is not guessed.
 */
import type { ScreenField, Transition, TransitionFill } from './port.js'

export interface ScreenFilled {
  fill: TransitionFill
  /** The fields the screen requires without a default that stay empty: Jira refuses the move. */
  unfilled: ScreenField[]
}

const normal = (name: string) =>
  name.toLowerCase().replace(/[’‘`]/g, "'").replace(/\s+/g, ' ').trim()

export function fillScreen(transition: Transition, prefer: readonly string[]): ScreenFilled {
  const screen = transition.screen ?? []
  const field = screen.find((f) => f.key === 'resolution')
  const resolution =
    field && (field.required || transition.to.category === 'done')
      ? resolutionFor(field, prefer)
      : undefined
  const unfilled = screen.filter(
    (f) => f.required && !f.hasDefault && !(f === field && resolution !== undefined)
  )
  return { fill: { ...(resolution === undefined ? {} : { resolution }), prefer }, unfilled }
}

function resolutionFor(field: ScreenField, prefer: readonly string[]): string | undefined {
  const allowed = field.allowed
  if (field.default !== undefined && (!allowed || allowed.includes(field.default))) {
    return field.default
  }
  if (!allowed) return undefined
  for (const wanted of prefer) {
    const found = allowed.find((name) => normal(name) === normal(wanted))
    if (found !== undefined) return found
  }
  return undefined
}
