/** The rules, in the order they run. Adding a rule is adding its folder and one line here. */
import { autoLink } from './auto-link/index.js'
import { followUps } from './follow-ups/index.js'
import { mergeSummary } from './merge-summary/index.js'
import { suggestReviewers } from './suggest-reviewers/index.js'
import { transitions } from './transitions/index.js'
import type { Rule } from './types.js'

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each rule has its own Extra
export const RULES: readonly Rule<any>[] = [
  autoLink,
  transitions,
  // Before merge-summary: its issues are created (applied) before the summary is written.
  followUps,
  mergeSummary,
  suggestReviewers
]
