/** What the ranker reads and returns. Pure data: the caller fetches it, the ranker only scores. */

/** The PR's text, as GitHub gives it. */
export interface PrText {
  title: string
  body: string
  branch: string
  commits: string[]
  /** Changed paths. */
  files: string[]
  author?: { login?: string; jiraId?: string; name?: string }
  /** When the PR was opened (ISO 8601): the "now" of status and recency. */
  date?: string
}

/** A Jira issue that might be the one. */
export interface Candidate {
  key: string
  summary: string
  description: string
  components: string[]
  labels: string[]
  type?: string
  status?: string
  statusCategory?: 'new' | 'indeterminate' | 'done' | string
  assigneeId?: string
  assigneeName?: string
  reporterName?: string
  /** ISO 8601. */
  updated?: string
  created?: string
  /** Release dates (ISO 8601) of the fix versions. */
  fixVersionDates?: string[]
  /** Paths changed by earlier PRs linked to the issue. */
  linkedPaths?: string[]
}

/** One candidate, scored and explained. */
export interface Ranked {
  key: string
  score: number
  /** The estimated probability that this is the issue the PR works on, 0..1. */
  confidence: number
  /** The PR's words that matched the issue, for the PR comment. */
  matched: string[]
}
