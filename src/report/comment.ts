/**
 * The action's one PR comment: found again by a hidden marker and edited in place. Rendered from
 * the applied plan, so a dry run shows what a real run would have done.
 */
import { escapeCell } from '../util/escape.js'
import { describeAction } from '../plan/actions.js'
import type { RunReport } from './model.js'
import { writeState, type CommentState } from './state.js'

export const COMMENT_MARKER = '<!-- gitar-jira:comment -->'

const FOUND_IN: Record<string, string> = {
  title: 'title',
  branch: 'branch',
  body: 'description',
  commits: 'commits'
}

export function linkedIssuesTable(report: RunReport): string {
  if (report.linked.length === 0) {
    return '_No Jira issue is linked. Name one in the title, the branch or the description (for example `Fixes ABC-123`)._'
  }
  const rows = report.linked.map(({ issue, strength, via, sources }) => {
    const how =
      via === 'explicit'
        ? `${strength === 'resolves' ? 'resolves' : 'references'} · ${sources.map((s) => FOUND_IN[s]).join(', ')}`
        : `${via} · ${strength}`
    const cells = [
      `[${issue.key}](${issue.url})`,
      escapeCell(issue.summary),
      escapeCell(issue.status.name, 40),
      issue.assignee ? escapeCell(issue.assignee.displayName, 60) : '_unassigned_',
      how
    ]
    return `| ${cells.join(' | ')} |`
  })
  return [
    '| Issue | Summary | Status | Assignee | How it was found |',
    '| --- | --- | --- | --- | --- |',
    ...rows
  ].join('\n')
}

export function failuresBlock(report: RunReport): string {
  if (report.failures.length === 0) return ''
  const lines = report.failures.map((f) => `> - **${f.rule}**: ${escapeCell(f.message, 500)}`)
  return ['> [!WARNING]', '> Some of what gitar-jira does failed on this run:', ...lines].join('\n')
}

export function notesBlock(report: RunReport): string {
  if (report.notes.length === 0) return ''
  return report.notes
    .map((n) => `- ${n.level === 'warning' ? '⚠️ ' : ''}${escapeCell(n.text, 500)}`)
    .join('\n')
}

function dryRunBlock(report: RunReport): string {
  if (!report.dryRun) return ''
  const would = report.applied.map((a) => `- would ${escapeCell(describeAction(a.action), 300)}`)
  return [
    '<details><summary>Dry run: nothing was written to Jira or GitHub</summary>',
    '',
    ...(would.length > 0 ? would : ['- nothing to do']),
    '',
    '</details>'
  ].join('\n')
}

export function stateOf(report: RunReport): CommentState {
  return { v: 1, links: report.linked.map((l) => ({ key: l.issue.key, via: l.via })) }
}

export function renderComment(report: RunReport): string {
  const unlinked =
    report.unlinked.length > 0
      ? `Unlinked (no longer named in the PR): ${report.unlinked.join(', ')}`
      : ''
  return [
    COMMENT_MARKER,
    '### Jira',
    '',
    linkedIssuesTable(report),
    unlinked,
    notesBlock(report),
    failuresBlock(report),
    dryRunBlock(report),
    `<sub>gitar-jira · updated for ${report.headSha.slice(0, 7)}</sub>`,
    writeState(stateOf(report))
  ]
    .filter((part) => part !== '')
    .join('\n\n')
}
