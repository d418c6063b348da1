/**
 * The follow-ups section of the PR comment: the issues created or found, what waits for the
 * merge, TODOs tracked already, and files GitHub gave no patch for.
 */
import type { AppliedAction } from '../plan/actions.js'
import type { FollowUpsView } from '../rules/follow-ups/index.js'
import type { RunReport } from './model.js'
import {
  MAX_RELINK_TRIES,
  MAX_REMEMBERED_FOLLOW_UPS,
  type CommentState,
  type RelinkEntry
} from './state.js'
import { escapeCell } from '../util/escape.js'

export interface FollowUpIssue {
  key: string
  url: string
  summary: string
  /** What it follows up: "the TODO at src/a.ts:12". */
  what: string
}

/**
 * The issues follow-ups created on this run (from the applied plan). merge-summary and the
 * `follow-up-issues` output read them here.
 */
export function createdFollowUps(applied: AppliedAction[]): FollowUpIssue[] {
  return applied.flatMap((a) =>
    a.action.type === 'jira.createIssue' && a.action.rule === 'follow-ups' && a.created
      ? [{ ...a.created, summary: a.action.issue.summary, what: a.action.what }]
      : []
  )
}

/** The state to write: the follow-ups remembered before and those created now, the newest kept. */
export function withFollowUps(state: CommentState, applied: AppliedAction[]): CommentState {
  const created = createdFollowUps(applied).map((f) => f.key)
  const followUps = [...new Set([...(state.followUps ?? []), ...created])].slice(
    -MAX_REMEMBERED_FOLLOW_UPS
  )
  return followUps.length > 0 ? { ...state, followUps } : state
}

/**
 * The state to write: the "relates to" links still to try again. Those the rule kept (their
 * follow-up not read), and those that failed now: at a follow-up's creation, or on a later run's
 * try (`tries` counts those; the last one gives up). A link made, or found made, is gone from it.
 * When the rule did not run (`view` absent), the state keeps what it had.
 */
export function withRelinks(
  state: CommentState,
  applied: AppliedAction[],
  view: FollowUpsView | undefined
): CommentState {
  if (!view) return state
  const relink: RelinkEntry[] = [...(view.relink ?? [])]
  for (const a of applied) {
    if (a.action.rule !== 'follow-ups') continue
    if (a.action.type === 'jira.createIssue' && a.created && a.linkFailed?.length) {
      relink.push({ key: a.created.key, to: a.linkFailed, tries: 0 })
    }
    if (a.action.type !== 'jira.linkIssues') continue
    const { issueKey: key, keys, attempt } = a.action
    // A dry run tried nothing: as it was.
    if (a.status === 'would') relink.push({ key, to: keys, tries: attempt - 1 })
    else {
      const failed = a.status === 'failed' ? keys : (a.linkFailed ?? [])
      if (failed.length > 0 && attempt < MAX_RELINK_TRIES) {
        relink.push({ key, to: failed, tries: attempt })
      }
    }
  }
  const { relink: _, ...rest } = state
  const kept = relink.slice(-MAX_REMEMBERED_FOLLOW_UPS)
  return kept.length > 0 ? { ...rest, relink: kept } : rest
}

/** The last try of links that failed: the warning says it is not tried again, and why. */
const givenUp = (a: AppliedAction): string =>
  a.action.type === 'jira.linkIssues' && a.action.attempt >= MAX_RELINK_TRIES
    ? ` Not tried again (${MAX_RELINK_TRIES} later runs tried): the action's Jira user needs the *Link issues* permission in both projects, or link the issues by hand.`
    : ''

/** How this run's addition of new TODOs to the PR's group issue went (null: none planned). */
function additionStatus(applied: AppliedAction[], key: string): AppliedAction['status'] | null {
  const addition = applied.find(
    (a) =>
      a.action.rule === 'follow-ups' &&
      a.action.type === 'jira.addToIssue' &&
      a.action.issueKey === key
  )
  return addition?.status ?? null
}

/** The TODOs this run added to the PR's group issue (an issue that existed), once added. */
export function addedFollowUps(
  applied: AppliedAction[],
  view: FollowUpsView | undefined
): FollowUpIssue[] {
  return (view?.adding ?? []).filter((f) => additionStatus(applied, f.key) === 'done')
}

/** Keys created or found: the `follow-up-issues` output. */
export function followUpKeys(report: RunReport): string[] {
  const keys = [
    ...createdFollowUps(report.applied).map((f) => f.key),
    ...(report.followUps?.found ?? []).map((f) => f.key),
    ...addedFollowUps(report.applied, report.followUps).map((f) => f.key)
  ]
  return [...new Set(keys)]
}

export function followUpsBlock(report: RunReport): string {
  const view = report.followUps
  if (!view) return ''
  const lines: string[] = []
  const created = createdFollowUps(report.applied)
  const would = report.applied.filter(
    (a) =>
      a.action.rule === 'follow-ups' && a.action.type === 'jira.createIssue' && a.status === 'would'
  )
  // Created now, found from an earlier run or added now to the PR's group issue: the same line,
  // so a rerun leaves the comment as it was.
  for (const f of [...created, ...view.found, ...addedFollowUps(report.applied, view)]) {
    lines.push(
      `- [${f.key}](${f.url}) ${escapeCell(f.summary, 120)} · for ${escapeCell(f.what, 200)}`
    )
  }
  for (const a of would) {
    if (a.action.type !== 'jira.createIssue') continue
    lines.push(
      `- _would create_ ${escapeCell(a.action.issue.summary, 120)} · for ${escapeCell(a.action.what, 200)}`
    )
  }
  for (const f of view.adding ?? []) {
    if (additionStatus(report.applied, f.key) !== 'would') continue
    lines.push(`- _would add_ ${escapeCell(f.what, 200)} to [${f.key}](${f.url})`)
  }
  const warned = report.applied.filter(
    (a) => a.action.rule === 'follow-ups' && a.status === 'warned'
  )
  for (const a of warned) {
    lines.push(`- ⚠️ ${escapeCell(a.warning ?? '', 300)}${givenUp(a)}`)
  }
  if (view.pending.length > 0) {
    lines.push(
      '',
      view.when === 'merge'
        ? '**At the merge these become Jira issues:**'
        : '**Waiting for a Jira project:**',
      ...view.pending.map((p) => `- ${escapeCell(p.summary, 120)} · ${escapeCell(p.what, 200)}`)
    )
  }
  if (view.tracked.length > 0) {
    lines.push(
      '',
      '**Tracked already** (the TODO names an issue):',
      ...view.tracked.map((t) => `- ${escapeCell(t.what, 200)} → ${t.key}`)
    )
  }
  if (view.omitted.length > 0) {
    lines.push(
      '',
      `Not read for TODOs: GitHub shows no diff for ${view.omitted.map((p) => escapeCell(p, 200)).join(', ')} (binary or too large).`
    )
  }
  if (lines.length === 0) return ''
  return ['#### Follow-ups', '', ...lines].join('\n').replace(/^\n+/, '')
}
