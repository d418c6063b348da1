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
}
