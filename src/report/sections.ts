/**
 * The sections of a run's report, in order: what the PR comment and the job summary both show.
 * Only the comment carries boxes and the markers a later run reads back.
 */
import { escapeCell } from '../util/escape.js'
import { groupFailures, timesOf } from './failures.js'
import { describeAction } from '../plan/actions.js'
import type { RichDoc } from '../richtext/model.js'
import { toWiki } from '../richtext/wiki.js'
import type { RunReport } from './model.js'
import { checkboxLine } from './checkboxes.js'
import type { JiraIssue } from '../jira/port.js'
import { transitionsBlock } from './transitions.js'
import { reviewersSection, reviewersShown } from './reviewers.js'
import { followUpsBlock } from './follow-ups.js'

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
        : `${via === 'inferred' ? 'inferred' : 'accepted'} · ${strength}`
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

// Never "100% sure": it is an estimate.
const percent = (confidence: number) => `${Math.min(99, Math.round(confidence * 100))}%`

function why(confidence: number | undefined, matched: string[] | undefined): string {
  const words = (matched ?? []).slice(0, 6).map((w) => escapeCell(w, 40))
  const sure = confidence === undefined ? '' : `${percent(confidence)} likely`
  return [sure, words.length > 0 ? `matched: ${words.join(', ')}` : ''].filter(Boolean).join(' · ')
}

function issueText(issue: JiraIssue): string {
  return `[${issue.key}](${issue.url}) ${escapeCell(issue.summary, 120)}`
}

/**
 * Where a report is shown: the PR comment, which a maintainer edits (its boxes and hidden markers
 * are read back), or the job summary, which is read-only.
 */
export type Surface = 'comment' | 'summary'

/**
 * Links made without a key, possible matches and dismissed issues. In the PR comment, boxes a
 * maintainer ticks or unticks; in the job summary, the same lines without boxes or markers.
 */
export function matchesBlock(report: RunReport, surface: Surface): string {
  const line = (key: string, ticked: boolean, text: string) =>
    surface === 'comment' ? checkboxLine(key, ticked, text) : `- ${text}`
  const box = surface === 'comment' ? 'a box' : 'its box in the PR comment'
  const blocks: string[] = []
  const keyless = report.linked.filter((l) => l.via !== 'explicit')
  if (keyless.length > 0) {
    blocks.push(
      `**Linked without a key** (untick ${box} to remove a wrong link):`,
      ...keyless.map((l) =>
        line(
          l.issue.key,
          true,
          `${issueText(l.issue)} · ${l.via === 'accepted' ? 'accepted' : why(l.confidence, l.matched) || 'inferred on an earlier run'}`
        )
      )
    )
  }
  if (report.suggestions.length > 0) {
    if (blocks.length > 0) blocks.push('')
    const list = report.suggestions[0]?.listConfidence
    const among =
      list === undefined ? '' : `; the right one is among these about ${percent(list)} of the time`
    blocks.push(
      `**Possible matches** (tick ${box} to link the issue${among}):`,
      ...report.suggestions.map((s) =>
        line(s.issue.key, false, `${issueText(s.issue)} · ${why(s.confidence, s.matched)}`)
      )
    )
  }
  const dismissed = report.state.rejected ?? []
  if (dismissed.length > 0) {
    if (blocks.length > 0) blocks.push('')
    blocks.push(
      `**Dismissed** (not suggested again; tick ${box} to link the issue after all):`,
      ...dismissed.map((key) => {
        const issue = report.dismissed?.find((i) => i.key === key)
        return line(key, false, issue ? issueText(issue) : key)
      })
    )
  }
  return blocks.join('\n')
}

export function failuresBlock(report: RunReport): string {
  if (report.failures.length === 0) return ''
  const lines = groupFailures(report.failures).map((g) => {
    const times = timesOf(g)
    return `> - **${g.rule}**: ${escapeCell(g.message, 500)}${times ? ` ${escapeCell(times, 300)}` : ''}`
  })
  return ['> [!WARNING]', '> Some of what gitar-jira does failed on this run:', ...lines].join('\n')
}

export function notesBlock(report: RunReport): string {
  if (report.notes.length === 0) return ''
  return report.notes
    .map((n) => `- ${n.level === 'warning' ? '⚠️ ' : ''}${n.markdown ?? escapeCell(n.text, 500)}`)
    .join('\n')
}

function dryRunBlock(report: RunReport, surface: Surface): string {
  if (!report.dryRun) return ''
  const would = report.applied.map((a) => `- would ${escapeCell(describeAction(a.action), 300)}`)
  // The job summary also shows what each Jira comment would say (as Data Center's wiki markup,
  // the plain-text form of the rich text): a dry run reports everything it computed.
  const texts =
    surface === 'summary'
      ? report.applied.flatMap(({ action }) =>
          action.type === 'jira.upsertComment'
            ? [wouldSay(describeAction(action), action.body)]
            : []
        )
      : []
  return [
    '<details><summary>Dry run: nothing was written to Jira or GitHub</summary>',
    '',
    ...(would.length > 0 ? would : ['- nothing to do']),
    ...texts,
    '',
    '</details>'
  ].join('\n')
}

/** A Jira comment's text in a fenced block no backtick of the text can close. */
function wouldSay(what: string, body: RichDoc): string {
  const text = toWiki(body)
  const longest = Math.max(2, ...(text.match(/`+/g) ?? []).map((run) => run.length))
  const fence = '`'.repeat(longest + 1)
  return [
    '',
    `<details><summary>${escapeCell(what, 300)}</summary>`,
    '',
    fence,
    text,
    fence,
    '',
    '</details>'
  ].join('\n')
}

/**
 * The report's sections in order, the one list the PR comment and the job summary both show; only
 * the comment carries boxes and the markers a later run reads.
 */
export function reportSections(report: RunReport, surface: Surface): string[] {
  // What this run did, not what is: a rerun would drop the line and rewrite the PR comment.
  // Only the run's own summary (and log) says it; the comment shows the state (Dismissed).
  const unlinked =
    surface === 'summary' && report.unlinked.length > 0
      ? `Unlinked on this run: ${report.unlinked.join(', ')}`
      : ''
  return [
    linkedIssuesTable(report),
    matchesBlock(report, surface),
    unlinked,
    transitionsBlock(report),
    surface === 'comment' ? reviewersSection(report) : reviewersShown(report),
    followUpsBlock(report),
    notesBlock(report),
    failuresBlock(report),
    dryRunBlock(report, surface)
  ].filter((part) => part !== '')
}
