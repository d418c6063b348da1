/**
 * When the issues a PR resolves move, and which: at the event's moment (opened or ready for
 * review, merged, closed unmerged) every one of them; on any other event of an open PR that is
 * up for review, those it has come to resolve since the previous run (a key added to the title,
 * a box ticked with `infer-resolves`), which get the on-open move they missed.
 */
import type { PrEvent } from '../../context.js'
import { rememberedResolved, type CommentState } from '../../report/state.js'
import type { LinkedIssue } from '../linked-issue.js'
import type { Facts } from '../types.js'

export type Moment = 'on-open' | 'on-merge' | 'on-close'

const OPENING = new Set(['opened', 'reopened', 'ready_for_review'])

/** Which configured moment this event is, if any. Drafts are not up for review yet. */
export function momentOf(event: PrEvent): Moment | null {
  if (OPENING.has(event.action)) return event.draft ? null : 'on-open'
  if (event.action === 'closed') return event.merged ? 'on-merge' : 'on-close'
  return null
}

/**
 * The moment, unless the PR has moved on since its event: a rerun of the `opened` run after the
 * merge must not move a Done issue back to In Review, nor a rerun of a close reopen nothing.
 */
export function momentNow(facts: Pick<Facts, 'event' | 'pr'>): Moment | null {
  const moment = momentOf(facts.event)
  const open = facts.pr.pr.state === 'open'
  if (moment === 'on-open' && !open) return null
  if ((moment === 'on-merge' || moment === 'on-close') && open) return null
  return moment
}

/** The moment the PR stands at now: open and up for review, merged, closed unmerged; a draft: none. */
export function standingAt(
  pr: Pick<Facts['pr']['pr'], 'state' | 'merged' | 'draft'>
): Moment | null {
  if (pr.merged) return 'on-merge'
  if (pr.state === 'closed') return 'on-close'
  return pr.draft ? null : 'on-open'
}

/** An event that is no moment, on a PR open and up for review: new resolved issues may move. */
export function betweenMoments(event: PrEvent): boolean {
  return momentOf(event) === null && !event.closed && !event.draft
}

/**
 * The keys the PR resolved on the previous run. A state an earlier version wrote does not say:
 * every key it linked counts, so nothing moves that the earlier version would not have moved.
 */
export function resolvedBefore(previous: CommentState): ReadonlySet<string> {
  return new Set(previous.resolved ?? previous.links.map((l) => l.key))
}

/**
 * The moment this run moves issues at, and the resolved issues it moves; null: none. Between
 * moments, only with an earlier state to compare with: without one (the PR comment deleted, or
 * never written) every key would look new, and people's moves since would be undone.
 */
export function dueNow(
  facts: Pick<Facts, 'event' | 'pr' | 'linked' | 'previous' | 'noEarlierState'>
): { moment: Moment; issues: LinkedIssue[] } | null {
  const resolved = facts.linked.filter((l) => l.strength === 'resolves')
  const moment = momentNow(facts)
  if (moment !== null) return { moment, issues: resolved }
  if (!betweenMoments(facts.event) || facts.pr.pr.state !== 'open') return null
  if (facts.noEarlierState) return null
  const before = resolvedBefore(facts.previous)
  // A key past the ones a state remembers would look new on every event.
  const remembered = new Set(rememberedResolved(resolved.map((l) => l.issue.key)))
  const added = resolved.filter((l) => remembered.has(l.issue.key) && !before.has(l.issue.key))
  return added.length > 0 ? { moment: 'on-open', issues: added } : null
}
