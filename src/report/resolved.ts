/**
 * The state's `resolved`: the keys a later run does not take for new (rules/transitions/moment.ts).
 * A key counts once its due move is settled: made, not needed (there already, left where it is,
 * held for an outsider's merge), or not due. A move that Jira refused, that failed, that no
 * transition could make, or that only a dry run planned is not settled: the key is left out, so
 * the next event, or a rerun, tries the move again.
 */
import type { AppliedAction } from '../plan/actions.js'
import { resolvedBefore } from '../rules/transitions/moment.js'
import { rememberedResolved, type CommentState } from './state.js'

export function withResolved(
  state: CommentState,
  applied: readonly AppliedAction[],
  earlier: CommentState,
  transitions: {
    /** Keys the rule could not plan a move for (rules/types.ts RulePlan.unmoved). */
    unmoved?: readonly string[]
    /** The rule failed: which moves it made is not known, so no key is new to the state. */
    failed: boolean
  }
): CommentState {
  if (state.resolved === undefined) return state
  const unsettled = new Set(transitions.unmoved)
  for (const { action, status } of applied) {
    if (action.type !== 'jira.transition' || action.transitionId === null) continue
    if (status !== 'done') unsettled.add(action.issueKey)
  }
  const before = resolvedBefore(earlier)
  const resolved = state.resolved.filter(
    (key) => !unsettled.has(key) && (!transitions.failed || before.has(key))
  )
  return { ...state, resolved: rememberedResolved(resolved) }
}
