/** The PR comment's short "Jira status" section: the transitions this run made, would make or was refused. */
import { escapeCell } from '../util/escape.js'
import type { AppliedAction } from '../plan/actions.js'
import type { RunReport } from './model.js'

export function transitionsBlock(report: Pick<RunReport, 'applied'>): string {
  const lines = report.applied.flatMap((a) => {
    const line = transitionLine(a)
    return line === null ? [] : [`- ${line}`]
  })
  return lines.length > 0 ? ['**Jira status**', ...lines].join('\n') : ''
}

function transitionLine({ action, status, warning }: AppliedAction): string | null {
  if (action.type !== 'jira.transition') return null
  const key = escapeCell(action.issueKey, 40)
  const from = escapeCell(action.from, 60)
  const to = escapeCell(action.to, 60)
  switch (status) {
    case 'done':
      return `${key}: ${from} → **${to}**`
    case 'would':
      return `${key}: would move ${from} → ${to} (dry run)`
    case 'warned':
      return `⚠️ ${key} stays in ${from}: Jira refused the move to ${to}: ${escapeCell(warning ?? '', 300)}`
    case 'failed':
      return `${key}: the move to ${to} failed (see below)`
  }
}
