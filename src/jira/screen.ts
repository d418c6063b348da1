/**
 * Filling a transition's screen. Jira refuses a transition sent without a field its screen
 * requires and has no default for, and one that sets a field its screen does not show. The
 * field a person fills on the way to a done status is the resolution. Its value: the screen's
 * default, unless the caller avoids it (a "Done" default when a PR was closed unmerged), else
 * the first of the caller's names the field allows. It is set when the screen requires it, or
 * shows it on the way to a status of the done category (left empty there, the issue would be
 * done but "Unresolved"). Any other field is not guessed.
 */
import { normalName } from './names.js'
import type { ScreenField, Transition, TransitionFill } from './port.js'

export interface ScreenFilled {
  fill: TransitionFill
  /** The fields the screen requires without a default that stay empty: Jira refuses the move. */
  unfilled: ScreenField[]
  /**
   * The screen's optional resolution, left empty on the way to a done status because it offers
   * none of the names and has no default: the issue will be done but "Unresolved".
   */
  unresolved?: ScreenField
}

export function fillScreen(
  transition: Transition,
  choice: Pick<TransitionFill, 'prefer' | 'avoid'>
): ScreenFilled {
  const screen = transition.screen ?? []
  const field = screen.find((f) => f.key === 'resolution')
  const resolution =
    field && (field.required || transition.to.category === 'done')
      ? resolutionFor(field, choice)
      : undefined
  const unfilled = screen.filter(
    (f) => f.required && !f.hasDefault && !(f === field && resolution !== undefined)
  )
  const { prefer, avoid } = choice
  const unresolved =
    field &&
    resolution === undefined &&
    !field.required &&
    !field.hasDefault &&
    transition.to.category === 'done'
  return {
    fill: {
      ...(resolution === undefined ? {} : { resolution }),
      prefer,
      ...(avoid === undefined ? {} : { avoid })
    },
    unfilled,
    ...(unresolved ? { unresolved: field } : {})
  }
}

function resolutionFor(
  field: ScreenField,
  { prefer, avoid = [] }: Pick<TransitionFill, 'prefer' | 'avoid'>
): string | undefined {
  const allowed = field.allowed
  const among = (names: readonly string[], value: string) =>
    names.some((name) => normalName(name) === normalName(value))
  const usable = field.default !== undefined && (!allowed || allowed.includes(field.default))
  if (usable && !among(avoid, field.default!)) return field.default
  for (const wanted of prefer) {
    const found = allowed?.find((name) => normalName(name) === normalName(wanted))
    if (found !== undefined) return found
  }
  // An avoided default nothing better replaces is still the screen's own choice.
  return usable ? field.default : undefined
}
