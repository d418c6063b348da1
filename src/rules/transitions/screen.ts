/**
 * A transition's screen: Jira refuses a transition sent without a field its screen requires and
 * has no default for. The usual one is the resolution of a "Resolve issue" screen; the action
 * fills it with the value a person would pick at that moment, when the field offers it. Any
 * other required field (a fix version, a custom field) is left to people: the refusal says which.
 */
import type { ScreenField, Transition, TransitionFields } from '../../jira/port.js'
import type { Moment } from './index.js'

/** The resolutions the action picks, in order of preference: the first the field allows. */
export const RESOLUTIONS: Readonly<Record<Moment, readonly string[]>> = {
  'on-open': ['Done', 'Fixed', 'Resolved', 'Complete', 'Completed'],
  'on-merge': ['Done', 'Fixed', 'Resolved', 'Complete', 'Completed'],
  'on-close': ["Won't Do", "Won't Fix", 'Cancelled', 'Canceled', 'Declined', 'Abandoned']
}

/** Names compared without case, spacing or the kind of apostrophe (`Won’t Do`). */
const normal = (name: string) =>
  name.toLowerCase().replace(/[’‘`]/g, "'").replace(/\s+/g, ' ').trim()

export interface ScreenFill {
  /** What the transition request sets. */
  fields: TransitionFields
  /** The names of the required fields the action leaves empty: Jira will refuse the move. */
  unfilled: string[]
}

export function fillScreen(transition: Transition, moment: Moment): ScreenFill {
  const fields: TransitionFields = {}
  const unfilled: string[] = []
  for (const field of transition.required ?? []) {
    const resolution = field.key === 'resolution' ? pickResolution(field, moment) : undefined
    if (resolution === undefined) unfilled.push(field.name)
    else fields.resolution = resolution
  }
  return { fields, unfilled }
}

function pickResolution(field: ScreenField, moment: Moment): string | undefined {
  const allowed = field.allowed ?? []
  for (const wanted of RESOLUTIONS[moment]) {
    const found = allowed.find((name) => normal(name) === normal(wanted))
    if (found !== undefined) return found
  }
  return undefined
}

/** Said after Jira's refusal when the screen asks for fields the action does not fill. */
export function unfilledAdvice(
  unfilled: readonly string[],
  transition: Transition,
  moment: Moment
): string {
  const names = unfilled.map((n) => `'${n}'`).join(', ')
  const them = unfilled.length === 1 ? 'it' : 'them'
  const resolution = (transition.required ?? []).some(
    (f) => f.key === 'resolution' && unfilled.includes(f.name)
  )
    ? ` (a resolution is filled only with one of: ${RESOLUTIONS[moment].join(', ')})`
    : ''
  return `The screen of the '${transition.name}' transition requires ${names}, which the action does not fill${resolution}: give ${them} a default value or take ${them} off that screen in the workflow, or name another status in the config file.`
}
