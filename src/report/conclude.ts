/**
 * The end of a run: its failures, each reported once, after everything else ran. A mistake only
 * a person can fix (credentials, permissions, a value of the config file that Jira refused) fails
 * the step whatever `fail-on-error` says; the rest fail it by default and are one warning with
 * `fail-on-error: false`, so that an outage does not turn every PR's check red. A failure about a
 * line of the config file is annotated on that line.
 */
import * as core from '@actions/core'
import { failureLine, groupFailures, type Failure } from './failures.js'

const CONFIG_TITLE = 'Invalid gitar-jira config'

export function concludeRun(failures: readonly Failure[], failOnError: boolean): void {
  // The same mistake hit on several items is one line, with a count.
  const groups = groupFailures(failures)
  const failing = groups.filter((g) => failOnError || g.kind === 'user')
  const warned = groups.filter((g) => !failing.includes(g))
  const unplaced: string[] = []
  for (const group of failing) {
    const { at } = group
    if (!at) unplaced.push(failureLine(group))
    else {
      core.error(failureLine(group), {
        title: CONFIG_TITLE,
        file: at.file,
        startLine: at.line,
        startColumn: at.column
      })
    }
  }
  if (unplaced.length > 0) {
    const why = failOnError
      ? ''
      : '\n(mistakes to fix: they fail the step even with fail-on-error: false)'
    core.error(`gitar-jira: ${unplaced.length} failure(s)\n${unplaced.join('\n')}${why}`)
  }
  if (failing.length > 0) process.exitCode = core.ExitCode.Failure
  if (warned.length > 0) {
    core.warning(warned.map(failureLine).join('\n'), { title: 'gitar-jira (fail-on-error: false)' })
  }
}
