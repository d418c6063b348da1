/** The job summary: the same tables as the PR comment, without the hidden state. */
import * as core from '@actions/core'
import { appendFile } from 'node:fs/promises'
import { failuresBlock, linkedIssuesTable, notesBlock } from './comment.js'
import type { RunReport } from './model.js'
import { transitionsBlock } from './transitions.js'
import { reviewersBlock } from './reviewers.js'

// GitHub refuses a step summary over 1 MiB; stay well below.
const MAX_SUMMARY_CHARS = 900_000

export function renderSummary(report: RunReport): string {
  const text = [
    `## gitar-jira: ${report.repo}#${report.prNumber}${report.dryRun ? ' (dry run)' : ''}`,
    linkedIssuesTable(report),
    transitionsBlock(report),
    reviewersBlock(report),
    notesBlock(report),
    failuresBlock(report)
  ]
    .filter((part) => part !== '')
    .join('\n\n')
  return text.length > MAX_SUMMARY_CHARS ? `${text.slice(0, MAX_SUMMARY_CHARS)}\n\n… (cut)` : text
}

/**
 * Appends to GITHUB_STEP_SUMMARY. Not through `core.summary`: it remembers the first file path
 * it saw for the life of the process, which is wrong for anything that runs twice in one process.
 */
export async function writeSummary(markdown: string): Promise<void> {
  const path = process.env.GITHUB_STEP_SUMMARY
  if (!path) return
  try {
    await appendFile(path, `${markdown}\n`)
  } catch (error) {
    core.debug(`The job summary could not be written: ${String(error)}`)
  }
}
