import type { KeySource } from '../config/settings.js'
import type { JiraIssue } from '../jira/port.js'
import type { Strength } from './auto-link/keys.js'

/** How an issue came to be linked: named in the PR, inferred, or accepted from a suggestion. */
export type LinkVia = 'explicit' | 'inferred' | 'accepted'

export interface LinkedIssue {
  issue: JiraIssue
  strength: Strength
  via: LinkVia
  /** Where the key was found (explicit links only). */
  sources: KeySource[]
  /** Inferred links: how sure the ranker was, and the words that matched. */
  confidence?: number
  matched?: string[]
}

/** An issue the PR may work on, below the confidence that links it: a box to tick. */
export interface Suggestion {
  issue: JiraIssue
  /** The estimated probability that this very issue is the one. */
  confidence: number
  /** The estimated probability that the right issue is among the suggestions. */
  listConfidence?: number
  matched: string[]
}
