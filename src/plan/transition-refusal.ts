/**
 * Why Jira refused a transition, as far as the action can tell (used by `apply.ts` only): the
 * fields its refusal names, the required fields of the screen tried that the action left empty,
 * and, when the transition list was read again and no longer leads to the status, where the
 * issue can go instead. The screen is the live one when a layer read the list again.
 */
import { sameName } from '../jira/names.js'
import type { TransitionOutcome } from '../jira/port.js'
import { fillScreen } from '../jira/screen.js'
import type { Action, TransitionRefusal } from './actions.js'

export function transitionRefusal(
  action: Extract<Action, { type: 'jira.transition' }>,
  outcome: Extract<TransitionOutcome, { ok: false }>
): TransitionRefusal {
  const { fields, live } = outcome
  if (!live) return { fields, ...(action.unfilled ? { unfilled: action.unfilled } : {}) }
  const id = outcome.sent?.transitionId ?? action.transitionId
  const tried = live.find((t) => t.id === id)
  if (!tried) {
    if (live.some((t) => sameName(t.to.name, action.to))) return { fields }
    return { fields, offered: live }
  }
  const { unfilled } = fillScreen(tried, action.fill ?? { prefer: [] })
  return unfilled.length > 0
    ? { fields, unfilled: { transition: tried.name, fields: unfilled } }
    : { fields }
}
