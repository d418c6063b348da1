/** What a run did, in the terms the PR comment, the job summary and the outputs speak. */
import type { RuleName } from '../config/settings.js'
import type { AppliedAction } from '../plan/actions.js'
import type { LinkedIssue, Suggestion } from '../rules/linked-issue.js'
import type { Note } from '../rules/types.js'
import { EMPTY_STATE, withLinkDigests, withTitled, type CommentState } from './state.js'
import type { Settings } from '../config/settings.js'
import type { PrEvent } from '../context.js'
import type { PrFacts } from '../github/port.js'
import type { JiraIssue } from '../jira/port.js'
import type { Discovery } from '../rules/auto-link/discover.js'
import { earlierMovesOf, statusesAfter, withMoves, type EarlierMove } from './transitions.js'
import type { ReviewerPlan } from '../rules/suggest-reviewers/model.js'
import type { FollowUpsView } from '../rules/follow-ups/index.js'
import { earlierReviewersOf, withRequested, type PrStanding } from './reviewers.js'
import { withFollowUps, withRelinks } from './follow-ups.js'
import { withDecisionTimes, type Decisions } from './checkboxes.js'
import { pointedAtSetting, type Failure } from './failures.js'
import { pendingUnlinksNote, withPendingUnlinks } from './unlinks.js'
import { withResolved } from './resolved.js'
import { standingAt } from '../rules/transitions/moment.js'

export interface RunReport {
  dryRun: boolean
  repo: string
  prNumber: number
  headSha: string
  linked: LinkedIssue[]
  /** Possible matches below min-confidence: boxes to tick. */
  suggestions: Suggestion[]
  /** Dismissed issues Jira still shows, for their summaries (the keys are in `state.rejected`). */
  dismissed?: JiraIssue[]
  /** What the next run should know: written into the comment's hidden block. */
  state: CommentState
  /** Keys whose link was removed because they left the PR. */
  unlinked: string[]
  notes: (Note & { rule: RuleName })[]
  failures: Failure[]
  applied: AppliedAction[]
  /** suggest-reviewers: whom it suggests and why (absent when the rule did not run). */
  reviewers?: ReviewerPlan
  /**
   * The reviewers section of the previous PR comment, shown again when the rule is on but did not
   * run on this event and issues are still linked.
   */
  earlierReviewers?: string
  /** follow-ups: pending, found and tracked (absent when the rule did not run). */
  followUps?: FollowUpsView
  /** Issues the action moved on earlier runs, which this run did not move (or leave). */
  earlierMoves?: EarlierMove[]
}

export function ruleFailures(applied: AppliedAction[]): RunReport['failures'] {
  return applied
    .filter((a) => a.status === 'failed')
    .map((a) => {
      const item = itemOf(a.action)
      return {
        rule: a.action.rule,
        message: a.setting ? `Jira refused its value (${a.error})` : (a.error ?? 'unknown error'),
        ...(item ? { item } : {}),
        ...(a.errorKind ? { kind: a.errorKind } : {}),
        ...(a.setting ? { setting: a.setting } : {})
      }
    })
}

/** What a write was for, to tell apart failures that say the same: its `what`, else its issue. */
function itemOf(action: AppliedAction['action']): string | undefined {
  if (action.type === 'jira.createIssue') return action.what
  return 'issueKey' in action ? action.issueKey : undefined
}

/** The report of a run, from what was found, planned and applied. */
export function buildReport(run: {
  event: PrEvent
  settings: Settings
  pr: PrFacts
  discovery: Pick<Discovery, 'linked' | 'suggestions' | 'state'> &
    Partial<Pick<Discovery, 'dismissed' | 'failure' | 'notes'>>
  planned: {
    notes: RunReport['notes']
    failures: RunReport['failures']
    reviewers?: ReviewerPlan
    followUps?: FollowUpsView
    unmoved?: string[]
  }
  applied: AppliedAction[]
  /** A maintainer's checkbox decisions this run applied (a comment edit). */
  decisions?: Decisions
  /** The PR comment as the previous run left it, and the state main.ts read from it. */
  earlierComment?: { body: string; state: CommentState }
}): RunReport {
  const { event, discovery, planned, applied } = run
  const linked = statusesAfter(discovery.linked, applied)
  const earlier = run.earlierComment
  const earlierMoves = earlierMovesOf(
    linked,
    applied,
    earlier?.state.moved,
    run.settings.rules.transitions,
    standingAt(run.pr.pr)
  )
  const earlierReviewers =
    earlier &&
    !planned.reviewers &&
    run.settings.rules.suggestReviewers.enabled &&
    linked.length > 0
      ? earlierReviewersOf(earlier.body, sameKeys(earlier.state, linked), standingOf(run.pr))
      : undefined
  const before = earlier?.state ?? EMPTY_STATE
  // Each part of the hidden state that this run's writes change, in order.
  const steps: ((state: CommentState) => CommentState)[] = [
    (s) => withLinkDigests(s, applied, before),
    (s) =>
      withResolved(s, applied, before, {
        ...(planned.unmoved ? { unmoved: planned.unmoved } : {}),
        failed: planned.failures.some((f) => f.rule === 'transitions')
      }),
    (s) => withMoves(s, applied, before, standingAt(run.pr.pr)),
    (s) => withTitled(s, applied),
    (s) => withRequested(s, applied),
    (s) => withFollowUps(s, applied),
    (s) => withRelinks(s, applied, planned.followUps),
    (s) => withDecisionTimes(s, before, run.decisions, applied),
    (s) => withPendingUnlinks(s, before, applied)
  ]
  const state = steps.reduce((s, step) => step(s), discovery.state)
  const pending = pendingUnlinksNote(state)
  return {
    dryRun: run.settings.dryRun,
    repo: `${event.owner}/${event.repo}`,
    prNumber: event.prNumber,
    headSha: run.pr.pr.headSha,
    linked,
    suggestions: discovery.suggestions,
    ...(discovery.dismissed?.length ? { dismissed: discovery.dismissed } : {}),
    state,
    unlinked: applied.flatMap((a) =>
      a.action.type === 'jira.deleteRemoteLink' && a.status !== 'failed' ? [a.action.issueKey] : []
    ),
    notes: [
      ...[...(discovery.notes ?? []), ...(pending ? [pending] : [])].map((n) => ({
        ...n,
        rule: 'auto-link' as const
      })),
      ...planned.notes
    ],
    failures: [
      ...(discovery.failure ? [{ rule: 'auto-link' as const, ...discovery.failure }] : []),
      ...planned.failures,
      ...ruleFailures(applied)
    ].map((failure) => pointedAtSetting(failure, run.settings.source)),
    applied,
    ...(planned.reviewers ? { reviewers: planned.reviewers } : {}),
    ...(earlierReviewers ? { earlierReviewers } : {}),
    ...(planned.followUps ? { followUps: planned.followUps } : {}),
    ...(earlierMoves.length > 0 ? { earlierMoves } : {})
  }
}

function standingOf({ pr }: PrFacts): PrStanding {
  if (pr.merged) return 'merged'
  return pr.state === 'closed' ? 'closed' : 'open'
}

/** The issues the earlier comment recorded are the ones linked now (in any order). */
function sameKeys(earlier: CommentState, linked: readonly { issue: { key: string } }[]): boolean {
  const before = new Set(earlier.links.map((l) => l.key))
  return before.size === linked.length && linked.every((l) => before.has(l.issue.key))
}
