/**
 * A failure that stops the run, reported once: one error annotation, placed on the config file's
 * line when it is a config error, and never a stack trace for a user mistake.
 */
import * as core from '@actions/core'
import { getErrorMessage, UserError, UserErrors } from './errors.js'

export function reportFatal(error: unknown): void {
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
  if (error instanceof Error && error.stack) core.debug(error.stack)
  core.setFailed(`gitar-jira failed unexpectedly: ${getErrorMessage(error)}`)
}
