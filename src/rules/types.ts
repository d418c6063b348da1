/**
 * The contract every rule follows: a pure gate, optional reads through the ports, a pure plan.
 * Rules never write; `plan/apply.ts` does.
 */
import type { FollowUpsView } from './follow-ups/index.js'
import type { RuleName, Settings } from '../config/settings.js'
import type { PrEvent } from '../context.js'
import type { GitHubPort, PrFacts } from '../github/port.js'
import type { JiraPort } from '../jira/port.js'
import type { Action, AppliedAction } from '../plan/actions.js'
import type { CommentState } from '../report/state.js'
import type { AuthorTrust } from './author-trust.js'
import type { LinkedIssue } from './linked-issue.js'
import type { LoginMemory } from './suggest-reviewers/resolve.js'
import type { ReviewerPlan } from './suggest-reviewers/model.js'

export interface Ports {
  jira: JiraPort
  github: GitHubPort
  /** The login map kept across runs (the Actions cache); without it, lookups are per run. */
  logins?: LoginMemory
}

/** What every rule can read: gathered once per run. */
export interface Facts {
  event: PrEvent
  pr: PrFacts
  /** Whether the PR's author is one of the repository's people (author-trust.ts). */
  author: AuthorTrust
  /** The Jira issues this PR works on: explicit keys, inferred and accepted ones. */
  linked: LinkedIssue[]
  /** What the action's PR comment recorded on earlier runs. */
  previous: CommentState
  /**
   * True when no earlier run's state could be read (no PR comment of the action, or its state
   * block unreadable): `previous` is empty, and which issues are new to the PR is not known.
   */
  noEarlierState?: boolean
  /**
   * Keys of earlier links that Jira no longer answers (the issue was deleted, or the account can
   * no longer see it): no link is left to remove there.
   */
  vanished?: readonly string[]
  /** The issues a maintainer dismissed (unticked), this run's decisions included. */
  dismissed?: readonly string[]
  /** What the rules before this one did on this run (registry order): written and found. */
  earlier: EarlierRules
}

export interface EarlierRules {
  applied: AppliedAction[]
  /**
   * The follow-up issues that exist for this PR: created just now or found from earlier runs.
   * Null when the follow-ups rule gave no account of them on this run (turned off, or failed):
   * what exists is not known, so nothing is said of it.
   */
  followUps: { key: string; url: string; summary: string }[] | null
}

export interface Note {
  level: 'info' | 'warning'
  /** Plain text: annotations and logs show it as it is; the PR comment escapes it whole. */
  text: string
  /** The same as markdown, where the note names code (a config key): see util/code-text.ts. */
  markdown?: string
}

export interface RulePlan {
  actions: Action[]
  notes: Note[]
  /** suggest-reviewers: whom it suggests and why, for the report. */
  reviewers?: ReviewerPlan
  /** follow-ups: what is pending, found or tracked, for the report. */
  followUps?: FollowUpsView
  /**
   * transitions: the issues whose due move no transition could make (a warning): not remembered
   * as resolved, so a later event tries again (report/resolved.ts).
   */
  unmoved?: string[]
}

export interface Rule<Extra = undefined> {
  name: RuleName
  /** Pure: does this rule act on this event with these settings? */
  appliesTo(event: PrEvent, settings: Settings): boolean
  /** Reads only, through the ports: the facts this rule needs beyond the shared ones. */
  gather?(ports: Ports, facts: Facts, settings: Settings): Promise<Extra>
  /** Pure: facts in, plan out. */
  plan(facts: Facts, extra: Extra, settings: Settings): RulePlan
}
