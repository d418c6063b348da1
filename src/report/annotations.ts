/**
 * The notes a maintainer must act on (a status name no workflow reaches, a missing link type or
 * project) are also warning annotations of the run, not only lines of the PR comment: at the
 * merge that comment sits on a closed PR nobody reads again.
 */
import * as core from '@actions/core'
import type { RunReport } from './model.js'

export function annotateWarnings(report: Pick<RunReport, 'notes'>): void {
  for (const note of report.notes) {
    if (note.level === 'warning') core.warning(note.text, { title: `gitar-jira ${note.rule}` })
  }
}
