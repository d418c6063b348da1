/**
 * The PR comment's short "Jira status" section: where the issues the PR resolves stand after the
 * transitions of this run. A move and "already there" read the same, so a rerun leaves the
 * comment as it was; a refusal by Jira (a transition screen with required fields) is a warning.
 */
import { escapeCell } from '../util/escape.js'
import type { AppliedAction } from '../plan/actions.js'
import type { LinkedIssue } from '../rules/linked-issue.js'
import type { RunReport } from './model.js'

export function transitionsBlock(report: Pick<RunReport, 'applied'>): string {
  const lines = report.applied.flatMap((a) => {
    const line = transitionLine(a)
    return line === null ? [] : [`- ${line}`]
  })
  return lines.length > 0 ? ['**Jira status**', ...lines].join('\n') : ''
}

function transitionLine(applied: AppliedAction): string | null {
  const { action, status, warning } = applied
  if (action.type !== 'jira.transition') return null
  const key = escapeCell(action.issueKey, 40)
  const from = escapeCell(action.from, 60)
  const to = escapeCell(action.to, 60)
  if (action.transitionId === null || status === 'done') return `${key} → **${to}**`
  switch (status) {
    case 'would':
      return `${key}: would move ${from} → ${to} (dry run)`
    case 'warned':
      return `⚠️ ${key} stays in ${from}: Jira refused the move to ${to}: ${escapeCell(warning ?? '', 300)}${withAdvice(applied, (advice) => escapeCell(advice, 600))}`
    case 'failed':
      return `${key}: the move to ${to} failed (see below)`
  }
}

/**
 * After Jira refused a transition: which of the fields its screen requires, that the action left
 * empty, the refusal names, and what to change. '' when it names none of them (a validator, a
 * condition: the screen is then not the reason).
 */
export function screenAdvice({ action, warning, refusedFields }: AppliedAction): string {
  if (action.type !== 'jira.transition' || !action.unfilled) return ''
  const reason = warning ?? ''
  const named = action.unfilled.fields.filter(
    (f) => (refusedFields ?? []).includes(f.key) || reason.includes(f.name)
  )
  if (named.length === 0) return ''
  const names = named.map((f) => `'${f.name}'`).join(', ')
  const them = named.length === 1 ? 'it' : 'them'
  const resolution =
    named.some((f) => f.key === 'resolution') && action.fill
      ? ` (a resolution is filled with the field's default, else the first of ${action.fill.prefer.join(', ')} it offers)`
      : ''
  return `The screen of the '${action.unfilled.transition}' transition requires ${names}, which the action does not fill${resolution}: give ${them} a default value or take ${them} off that screen in the workflow, or name another status in the config file.`
}

/** ' ' and the screen advice, formatted, or '' when there is none. */
export function withAdvice(applied: AppliedAction, format: (advice: string) => string): string {
  const advice = screenAdvice(applied)
  return advice ? ` ${format(advice)}` : ''
}

/** The linked issues with the statuses they have after this run's transitions. */
export function statusesAfter(linked: LinkedIssue[], applied: AppliedAction[]): LinkedIssue[] {
  const moved = new Map<string, string>()
  for (const { action, status } of applied) {
    if (action.type === 'jira.transition' && action.transitionId !== null && status === 'done') {
      moved.set(action.issueKey, action.to)
    }
  }
  if (moved.size === 0) return linked
  return linked.map((l) => {
    const to = moved.get(l.issue.key)
    return to === undefined
      ? l
      : { ...l, issue: { ...l.issue, status: { ...l.issue.status, name: to } } }
  })
}
