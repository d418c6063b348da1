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
  /**
   * What min-confidence and suggest-confidence compare, 0..1: the candidate's own probability of
   * being the issue (only the top can reach above 1/2, and link), or, for the candidates of the
   * suggestion list, the probability that the list holds the issue, capped at 1/2. See
   * ./confidence.ts.
   */
  confidence: number
  /** The estimated probability that this very candidate is the issue, 0..1. */
  probability?: number
  /** The probability that the right issue is among the first MAX_SUGGESTIONS candidates. */
  listConfidence?: number
  /** The PR's words that matched the issue, for the PR comment. */
  matched: string[]
}
