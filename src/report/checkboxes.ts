/**
 * The checkboxes of the action's PR comment: a possible match ticked links it, a link made by
 * inference (or accepted earlier) unticked removes it. Each box carries its key in a hidden
 * marker, so editing the visible text around it changes nothing.
 */
import type { AppliedAction } from '../plan/actions.js'
import type { CommentEditEvent } from '../context.js'
import type { IssueComment } from '../github/port.js'
import {
  COMMENT_MARKER,
  isTimestamp,
  MAX_REMEMBERED_DECISIONS,
  readState,
  type CommentState
} from './state.js'

export interface Decisions {
  accept: string[]
  reject: string[]
  /** When the maintainer made them: GitHub's `updated_at` of the edited comment. */
  at?: string
}

export function checkboxLine(key: string, ticked: boolean, text: string): string {
  return `- [${ticked ? 'x' : ' '}] <!-- gitar-jira:key ${key} --> ${text}`
}

const BOX = /^\s*[-*] \[([ xX])\] <!-- gitar-jira:key ([A-Z][A-Z0-9_]+-[1-9][0-9]*) -->/gm

/** What the boxes say now, against what the comment's own state block recorded. */
export function readDecisions(body: string, state: CommentState): Decisions {
  const ticked = new Map<string, boolean>()
  for (const match of body.matchAll(BOX)) ticked.set(match[2]!, match[1] !== ' ')
  const linked = new Set(state.links.map((l) => l.key))
  const removable = new Set(state.links.filter((l) => l.via !== 'explicit').map((l) => l.key))
  const accept: string[] = []
  const reject: string[] = []
  for (const [key, isTicked] of ticked) {
    if (isTicked && !linked.has(key)) accept.push(key)
    if (!isTicked && removable.has(key)) reject.push(key)
  }
  return { accept, reject }
}

/** The state after a maintainer's decisions: accepted keys linked, rejected ones remembered. */
export function applyDecisions(state: CommentState, decisions: Decisions): CommentState {
  const rejected = new Set([...(state.rejected ?? []), ...decisions.reject])
  for (const key of decisions.accept) rejected.delete(key)
  const links = [
    ...state.links.filter((l) => !decisions.reject.includes(l.key)),
    ...decisions.accept.map((key) => ({ key, via: 'accepted' as const }))
  ]
  // The rest of the state (requested reviewers, follow-ups) as it was.
  const { rejected: _, ...rest } = state
  return { ...rest, links, ...(rejected.size > 0 ? { rejected: [...rejected] } : {}) }
}

/**
 * Why an edited comment that carries the marker is not the action's own, or null when it is.
 * Anyone who can comment can paste the marker and ticked boxes into a comment of their own;
 * only the comment the action wrote (which only people with write access can edit) decides.
 */
export function notTheActionsComment(
  event: CommentEditEvent,
  own: Pick<IssueComment, 'id'> | null
): string | null {
  if (own?.id === event.commentId) return null
  const author = event.commentAuthor ? ` by @${event.commentAuthor}` : ''
  return `the edited comment${author} carries the gitar-jira marker but is not the gitar-jira comment of PR #${event.prNumber}`
}

/** The decisions a comment edit carries, or why there is nothing to do. */
export function checkboxDecisions(event: CommentEditEvent): Decisions | string {
  if (!event.body.includes(COMMENT_MARKER))
    return 'the edited comment is not the gitar-jira comment'
  // The action's own edits (with a token that triggers workflows) must not loop.
  if (event.sender.endsWith('[bot]')) return 'the comment was edited by a bot'
  const decisions = readDecisions(event.body, readState(event.body))
  if (decisions.accept.length === 0 && decisions.reject.length === 0) {
    return 'no checkbox of the gitar-jira comment changed'
  }
  return isTimestamp(event.editedAt) ? { ...decisions, at: event.editedAt } : decisions
}

/**
 * The decisions an edit may still make, against the state of the comment as it is now. The
 * decisions are read from the edit's own body, so a rerun or a redelivery of an old edit would
 * undo what a later edit decided: a key decided by an edit of the same time or later is left as
 * that edit left it (`superseded`). An edit without a time is not ordered (all its decisions stand).
 */
export function undecidedSince(
  decisions: Decisions,
  state: CommentState
): { decisions: Decisions; superseded: string[] } {
  const at = decisions.at === undefined ? undefined : Date.parse(decisions.at)
  const superseded = (key: string) => {
    const last = state.decided?.[key]
    return at !== undefined && last !== undefined && at <= Date.parse(last)
  }
  return {
    decisions: {
      ...decisions,
      accept: decisions.accept.filter((key) => !superseded(key)),
      reject: decisions.reject.filter((key) => !superseded(key))
    },
    superseded: [...decisions.accept, ...decisions.reject].filter(superseded)
  }
}

/** Why an edit's boxes are left as they are (see undecidedSince). */
export function supersededNotice(
  keys: string[],
  decisions: Decisions,
  state: CommentState
): string {
  const last = keys
    .map((key) => state.decided?.[key] ?? '')
    .reduce((a, b) => (Date.parse(b) > Date.parse(a) ? b : a))
  return (
    `the ${keys.length === 1 ? 'box' : 'boxes'} of ${keys.join(', ')} in this edit of the gitar-jira comment (${decisions.at}) ` +
    `${keys.length === 1 ? 'was' : 'were'} already decided by this edit or a later one (${last}): ` +
    'a rerun or a redelivered event of an earlier edit changes nothing'
  )
}

/**
 * The state with the time of the decisions this run applied, beside those of earlier runs
 * (`earlier`, the state the run started from): every run carries them on. A decision whose
 * link write failed is not timed: re-running the failed job applies it again.
 */
export function withDecisionTimes(
  state: CommentState,
  earlier: CommentState,
  decisions: Decisions | undefined,
  applied: readonly AppliedAction[] = []
): CommentState {
  const decided = new Map(Object.entries(earlier.decided ?? {}))
  const failed = new Set(
    applied
      .filter(
        (a) =>
          a.status === 'failed' &&
          (a.action.type === 'jira.upsertRemoteLink' || a.action.type === 'jira.deleteRemoteLink')
      )
      .map((a) => ('issueKey' in a.action ? a.action.issueKey : ''))
  )
  if (decisions?.at !== undefined) {
    const { accept, reject, at } = decisions
    for (const key of [...accept, ...reject].filter((k) => !failed.has(k))) {
      // Re-inserted: the latest decisions are the ones kept.
      decided.delete(key)
      decided.set(key, at)
    }
  }
  const { decided: _, ...rest } = state
  const kept = [...decided].slice(-MAX_REMEMBERED_DECISIONS)
  return kept.length > 0 ? { ...rest, decided: Object.fromEntries(kept) } : rest
}
