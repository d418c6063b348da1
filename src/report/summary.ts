/** The job summary: the same tables as the PR comment, without the hidden state. */
import * as core from '@actions/core'
import { failuresBlock, linkedIssuesTable, notesBlock } from './comment.js'
import type { RunReport } from './model.js'

// GitHub refuses a step summary over 1 MiB; stay well below.
const MAX_SUMMARY_CHARS = 900_000

export function renderSummary(report: RunReport): string {
  const text = [
    `## gitar-jira: ${report.repo}#${report.prNumber}${report.dryRun ? ' (dry run)' : ''}`,
    linkedIssuesTable(report),
    notesBlock(report),
    failuresBlock(report)
  ]
    .filter((part) => part !== '')
    .join('\n\n')
  return text.length > MAX_SUMMARY_CHARS ? `${text.slice(0, MAX_SUMMARY_CHARS)}\n\n… (cut)` : text
}

export async function writeSummary(markdown: string): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return
  try {
    await core.summary.addRaw(markdown, true).write()
  } catch (error) {
    core.debug(`The job summary could not be written: ${String(error)}`)
  }
}
