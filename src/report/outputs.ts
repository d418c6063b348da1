/** The action's outputs, set in one place after the work. */
import * as core from '@actions/core'
import type { RunReport } from './model.js'
import { suggestedLogins } from './reviewers.js'
import { followUpKeys } from './follow-ups.js'

export interface Outputs {
  'linked-issues': string[]
  'suggested-reviewers': string[]
  'follow-up-issues': string[]
  'comment-url': string
}

export function outputsOf(report: RunReport | null, commentUrl: string): Outputs {
  return {
    'linked-issues': report ? report.linked.map((l) => l.issue.key) : [],
    'suggested-reviewers': report ? suggestedLogins(report) : [],
    'follow-up-issues': report ? followUpKeys(report) : [],
    'comment-url': commentUrl
  }
}

export function setOutputs(outputs: Outputs): void {
  for (const [name, value] of Object.entries(outputs)) {
    core.setOutput(name, typeof value === 'string' ? value : JSON.stringify(value))
  }
}
