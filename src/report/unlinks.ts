/**
 * Removals that wait: an issue the PR no longer links keeps its remote link (or its merge
 * summary) when the delete fails, and the state's links have forgotten it by then. The state's
 * `unlink` list carries it to the next run, which tries again (see rules/auto-link/links-gone.ts).
 */
import type { Action, AppliedAction } from '../plan/actions.js'
import type { Note } from '../rules/types.js'
import { MAX_PENDING_UNLINKS, type CommentState } from './state.js'

type Removal = Extract<Action, { type: 'jira.deleteRemoteLink' | 'jira.deleteComment' }>

const isRemoval = (action: Action): action is Removal =>
  action.type === 'jira.deleteRemoteLink' || action.type === 'jira.deleteComment'

/**
 * The state to write: the removals that failed now, and those of earlier runs this run did not
 * carry out (not tried, or a dry run). A key the PR links again has nothing left to remove.
 */
export function withPendingUnlinks(
  state: CommentState,
  earlier: CommentState,
  applied: readonly AppliedAction[]
): CommentState {
  const linked = new Set(state.links.map((l) => l.key))
  const failed = new Set<string>()
  const removed = new Set<string>()
  for (const { action, status } of applied) {
    if (!isRemoval(action)) continue
    if (status === 'failed') failed.add(action.issueKey)
    else if (status !== 'would') removed.add(action.issueKey)
  }
  const unlink = [...new Set([...(earlier.unlink ?? []), ...failed])]
    .filter((key) => !linked.has(key) && (failed.has(key) || !removed.has(key)))
    .slice(-MAX_PENDING_UNLINKS)
  const { unlink: _, ...rest } = state
  return unlink.length > 0 ? { ...rest, unlink } : rest
}

/** What the report says of the removals still to make; null when there are none. */
export function pendingUnlinksNote(state: CommentState): Note | null {
  const keys = state.unlink ?? []
  if (keys.length === 0) return null
  const one = keys.length === 1
  return {
    level: 'info',
    text:
      `${keys.join(', ')} ${one ? 'is' : 'are'} no longer linked by this PR, but removing ` +
      `${one ? 'its' : 'their'} link to the PR or merge summary from Jira failed: the next run of this PR tries again.`
  }
}
