/**
 * A failure that stops the run, reported once: one error annotation, placed on the config file's
 * line when it is a config error, and never a stack trace for a user mistake. A mistake to fix
 * (config, credentials, permissions) always fails the step; anything else (Jira or GitHub down
 * after the retries) is a warning when the `fail-on-error` input is false, so that an outage does
 * not turn every PR's check red. An OutageError otherwise fails the step with its message as it
 * is, like a mistake to fix.
 */
import * as core from '@actions/core'
import { getErrorMessage, OutageError, UserError, UserErrors } from './errors.js'

export function reportFatal(error: unknown, options: { failOnError: boolean }): void {
  const errors =
    error instanceof UserErrors ? error.errors : error instanceof UserError ? [error] : null
  if (errors) {
    for (const e of errors) {
      core.error(e.message, {
        title: e.title,
        file: e.file,
        startLine: e.line,
        startColumn: e.column
      })
    }
    process.exitCode = core.ExitCode.Failure
    return
  }
  if (error instanceof OutageError && options.failOnError) {
    core.error(error.message, { title: error.title })
    process.exitCode = core.ExitCode.Failure
    return
  }
  if (error instanceof Error && error.stack) core.debug(error.stack)
  if (!options.failOnError) {
    core.warning(`gitar-jira stopped: ${getErrorMessage(error)}`, {
      title: 'gitar-jira (fail-on-error: false)'
    })
    return
  }
  core.setFailed(`gitar-jira failed unexpectedly: ${getErrorMessage(error)}`)
}
