/**
 * The follow-ups section of the PR comment: the issues created or found, what waits for the
 * merge, TODOs tracked already, and files GitHub gave no patch for.
 */
import type { AppliedAction } from '../plan/actions.js'
import type { RunReport } from './model.js'
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

/** Keys created or found: the `follow-up-issues` output. */
export function followUpKeys(report: RunReport): string[] {
  const keys = [
    ...createdFollowUps(report.applied).map((f) => f.key),
    ...(report.followUps?.found ?? []).map((f) => f.key)
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
  // Created now or found from an earlier run: the same line, so a rerun leaves the comment as it was.
  for (const f of [...created, ...view.found]) {
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
