/**
 * What a maintainer must act on is also a warning annotation of the run, not only a line of the
 * PR comment: at the merge that comment sits on a closed PR nobody reads again. That is the
 * warning notes (a status name no workflow reaches, a missing link type or project) and the
 * transitions Jira refused (a screen with a required field).
 */
import * as core from '@actions/core'
import { describeAction } from '../plan/actions.js'
import type { RunReport } from './model.js'
import { cannotMove } from '../rules/transitions/index.js'
import { unresolvedWarning, withAdvice } from './transitions.js'

export function annotateWarnings(report: Pick<RunReport, 'notes' | 'applied'>): void {
  for (const note of report.notes) {
    if (note.level === 'warning') core.warning(note.text, { title: `gitar-jira ${note.rule}` })
  }
  for (const applied of report.applied) {
    const unresolved = unresolvedWarning(applied)
    if (unresolved !== null)
      core.warning(unresolved, { title: `gitar-jira ${applied.action.rule}` })
    const { action, status, warning, sent } = applied
    if (action.type === 'github.requestReviewer' && status === 'warned') {
      core.warning(`GitHub refused to ${describeAction(action)}: ${warning ?? ''}`, {
        title: `gitar-jira ${action.rule}`
      })
    }
    if (action.type === 'jira.transition' && status === 'warned') {
      const tried = describeAction(sent ? { ...action, fill: sent } : action)
      const offered = applied.refusal?.offered
      const text = offered
        ? cannotMove(action.issueKey, action.to, action.from, offered)
        : `Jira refused to ${tried}: ${warning ?? ''}${withAdvice(applied, (a) => a)}`
      core.warning(text, { title: `gitar-jira ${action.rule}` })
    }
  }
}
