import type { Position } from './load.js'

/**
 * The settings every rule receives: inputs merged over `.github/gitar-jira.yml` merged over the
 * built-in defaults (precedence input > file > default). camelCase here, kebab-case in the file.
 */

export type RuleName =
  'auto-link' | 'transitions' | 'merge-summary' | 'suggest-reviewers' | 'follow-ups'

export const RULE_NAMES: readonly RuleName[] = [
  'auto-link',
  'transitions',
  'merge-summary',
  'suggest-reviewers',
  'follow-ups'
]

export type KeySource = 'title' | 'branch' | 'body' | 'commits'

export interface AutoLinkSettings {
  enabled: boolean
  sources: KeySource[]
  infer: boolean
  inferResolves: boolean
  minConfidence: number
  suggestConfidence: number
  candidateJql: string | null
  updateTitle: boolean
}

export interface TransitionsSettings {
  enabled: boolean
  onOpen: string | null
  onMerge: string | null
  onClose: string | null
}

export interface MergeSummarySettings {
  enabled: boolean
  visibility: { type: 'role' | 'group'; value: string } | null
}

export interface SuggestReviewersSettings {
  enabled: boolean
  mode: 'comment' | 'request'
  max: number
  sources: { watchers: number; reporter: number; assignee: number }
  /** Jira email, accountId (Cloud), username or user key (Data Center) -> GitHub login. */
  users: Record<string, string>
}

export interface FollowUpsSettings {
  enabled: boolean
  todos: boolean
  unresolvedThreads: boolean
  keywords: string[]
  when: 'merge' | 'open'
  grouping: 'todo' | 'pr'
  project: string | null
  issueType: string
  labels: string[]
}

export interface Settings {
  jira: { projects: string[] | null }
  rules: {
    autoLink: AutoLinkSettings
    transitions: TransitionsSettings
    mergeSummary: MergeSummarySettings
    suggestReviewers: SuggestReviewersSettings
    followUps: FollowUpsSettings
  }
  dryRun: boolean
  failOnError: boolean
  /** Where the file was read from, for the log and error annotations. */
  source: {
    path: string
    ref: string
    found: boolean
    /** Where the file writes the values only Jira can judge (config/judged-by-jira.ts). */
    at?: Record<string, Position>
  }
}
