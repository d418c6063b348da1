/**
 * The job summary: the same sections as the PR comment, read-only (possible matches as a plain
 * list, no boxes, no markers, no hidden state).
 */
import * as core from '@actions/core'
import { appendFile } from 'node:fs/promises'
import { reportSections } from './sections.js'
import type { RunReport } from './model.js'

// GitHub refuses a step summary over 1 MiB (in bytes, not characters); stay well below.
const MAX_SUMMARY_BYTES = 900_000

const CUT_NOTE = '_… cut here: a job summary holds at most 1 MiB._'

function summaryText(report: RunReport): string {
  return [
    `## gitar-jira: ${report.repo}#${report.prNumber}${report.dryRun ? ' (dry run)' : ''}`,
    ...reportSections(report, 'summary')
  ].join('\n\n')
}

export function renderSummary(report: RunReport): string {
  const text = summaryText(report)
  if (Buffer.byteLength(text) <= MAX_SUMMARY_BYTES) return text
  // Cut at a line within the bytes that fit (a character split by the byte cut goes with its line).
  const head = Buffer.from(text)
    .subarray(0, MAX_SUMMARY_BYTES - Buffer.byteLength(CUT_NOTE) - 2)
    .toString('utf8')
  return `${text.slice(0, Math.max(0, head.lastIndexOf('\n')))}\n\n${CUT_NOTE}`
}

/** Whether the job summary holds the whole report: what the PR comment's cut note promises. */
export function summaryHoldsAll(report: RunReport): boolean {
  return Buffer.byteLength(summaryText(report)) <= MAX_SUMMARY_BYTES
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
