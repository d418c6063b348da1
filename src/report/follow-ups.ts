/**
 * The follow-ups section of the PR comment: the issues created or found, what waits for the
 * merge, TODOs tracked already, and files GitHub gave no patch for.
 */
import type { AppliedAction } from '../plan/actions.js'
import { groupWhat } from '../rules/follow-ups/describe.js'
import { isGroupLabel, isTodoLabel } from '../rules/follow-ups/fingerprint.js'
import type { FollowUpsView, ListedFollowUp } from '../rules/follow-ups/index.js'
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

/** The issues follow-ups created on this run (from the applied plan), with the labels sent. */
function createdFollowUps(applied: AppliedAction[]): (FollowUpIssue & { labels: string[] })[] {
  return applied.flatMap((a) =>
    a.action.type === 'jira.createIssue' && a.action.rule === 'follow-ups' && a.created
      ? [
          {
            ...a.created,
            summary: a.action.issue.summary,
            what: a.action.what,
            labels: a.action.issue.labels
          }
        ]
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
function addedFollowUps(
  applied: AppliedAction[],
  view: FollowUpsView | undefined
): ListedFollowUp[] {
  return (view?.adding ?? []).filter((f) => additionStatus(applied, f.key) === 'done')
}

/**
 * The follow-ups this run created, found or added TODOs to, each issue once, in the order of what
 * they follow up in the PR (TODOs by file and line, then threads): a rerun that finds what the run
 * before it created lists them as that run did. A group issue is listed by how many TODOs of the
 * PR it holds, as when it was created.
 */
export function listedFollowUps(
  applied: AppliedAction[],
  view: FollowUpsView | undefined
): FollowUpIssue[] {
  const entries = [
    ...createdFollowUps(applied).map((f) => ({ ...f, grouped: f.labels.some(isGroupLabel) })),
    ...[...(view?.found ?? []), ...addedFollowUps(applied, view)].map((f) => ({
      ...f,
      labels: [f.label]
    }))
  ]
  const order = view?.order ?? []
  const place = (labels: string[]) =>
    Math.min(...labels.map((l) => order.indexOf(l)).filter((i) => i >= 0), order.length)
  const byKey = new Map<string, { issue: FollowUpIssue; labels: Set<string>; grouped: boolean }>()
  for (const e of entries) {
    const seen = byKey.get(e.key)
    if (seen) {
      for (const l of e.labels) seen.labels.add(l)
      seen.grouped ||= e.grouped
    } else {
      const issue = { key: e.key, url: e.url, summary: e.summary, what: e.what }
      byKey.set(e.key, { issue, labels: new Set(e.labels), grouped: e.grouped })
    }
  }
  return [...byKey.values()]
    .map(({ issue, labels, grouped }) => {
      const todos = [...labels].filter(isTodoLabel).length
      const what = view && (grouped || todos > 1) ? groupWhat(todos, view.pr) : issue.what
      return { issue: { ...issue, what }, at: place([...labels]) }
    })
    .sort((a, b) => a.at - b.at)
    .map((f) => f.issue)
}

/** Keys created or found: the `follow-up-issues` output. */
export function followUpKeys(report: RunReport): string[] {
  return listedFollowUps(report.applied, report.followUps).map((f) => f.key)
}

export function followUpsBlock(report: RunReport): string {
  const view = report.followUps
  if (!view) return ''
  const lines: string[] = []
  const would = report.applied.filter(
    (a) =>
      a.action.rule === 'follow-ups' && a.action.type === 'jira.createIssue' && a.status === 'would'
  )
  // Created now, found from an earlier run or added now to the PR's group issue: the same line,
  // in the same place, so a rerun leaves the comment as it was.
  for (const f of listedFollowUps(report.applied, view)) {
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
      view.noProject
        ? '**These cannot become Jira issues: there is no Jira project to create them in.**'
        : '**At the merge these become Jira issues:**',
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
  if (lines[0] === '') lines.shift()
  return ['#### Follow-ups', '', ...lines].join('\n')
}
