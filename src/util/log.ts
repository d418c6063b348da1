/**
 * Log lines that carry text from outside (PR titles and paths, Jira names, error answers).
 * `core.info` writes as it is, and the runner reads any line that starts with `::` as a workflow
 * command: a line break in such text could forge an annotation or mask. (`core.warning`,
 * `core.error` and `core.debug` escape their text already.)
 */
import * as core from '@actions/core'
import { randomUUID } from 'node:crypto'

const oneLine = (text: string) => text.replace(/\r\n|\r|\n/g, ' ⏎ ')

/** One line, whatever the text holds: its line breaks shown as ⏎. */
export function logLine(text: string): void {
  core.info(oneLine(text))
}

/** A gitar-jira notice (an annotation) on one line, whatever the text holds. */
export function noticeLine(text: string): void {
  core.notice(oneLine(text), { title: 'gitar-jira' })
}

/** Many lines as they are, with workflow commands off while they print. */
export function logBlock(heading: string, text: string): void {
  const token = randomUUID()
  logLine(heading)
  core.info(`::stop-commands::${token}`)
  core.info(text)
  core.info(`::${token}::`)
}
