/**
 * The follow-ups section of the PR comment: the issues created or found, what waits for the
 * merge, TODOs tracked already, and files GitHub gave no patch for.
 */
import type { AppliedAction } from '../plan/actions.js'
import type { FollowUpsView } from '../rules/follow-ups/index.js'
import type { RunReport } from './model.js'
import { MAX_REMEMBERED_FOLLOW_UPS, type CommentState } from './state.js'
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
  for (const a of warned) lines.push(`- ⚠️ ${escapeCell(a.warning ?? '', 300)}`)
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
