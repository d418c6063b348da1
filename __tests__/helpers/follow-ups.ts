/** Shared builders of the follow-ups rule's tests: its settings, the facts gather finds, its plan. */
import type { Settings } from '../../src/config/settings.js'
import type { ReviewThread } from '../../src/github/port.js'
import type { Action } from '../../src/plan/actions.js'
import type { FollowUpsFacts } from '../../src/rules/follow-ups/index.js'
import { jiraIssue, settings } from './facts.js'

/** The built-in settings with `rules.follow-ups` changed by `over`. */
export function followUpsConfig(over: Partial<Settings['rules']['followUps']> = {}): Settings {
  const s = settings()
  return { ...s, rules: { ...s.rules, followUps: { ...s.rules.followUps, ...over } } }
}

/** What gather found: nothing known, a "Relates" link type, unless `over` says otherwise. */
export const foundFollowUps = (over: Partial<FollowUpsFacts> = {}): FollowUpsFacts => ({
  todos: [],
  omitted: [],
  known: {},
  ofPr: [],
  group: null,
  linkType: 'Relates',
  relink: { due: [], kept: [] },
  ...over
})

export const creates = (actions: Action[]) =>
  actions.flatMap((a) => (a.type === 'jira.createIssue' ? [a] : []))

/** The PR linked to `key`, which it resolves: follow-ups go to its project and relate to it. */
export const linkedTo = (key: string) => [
  { issue: jiraIssue(key), strength: 'resolves' as const, via: 'explicit' as const, sources: [] }
]

/** An open review thread on src/a.ts:9 (RIGHT side), a question and a reply, unless `more` says. */
export const reviewThread = (id: string, more: Partial<ReviewThread> = {}): ReviewThread => ({
  id,
  isResolved: false,
  isOutdated: false,
  path: 'src/a.ts',
  line: 9,
  diffSide: 'RIGHT',
  comments: [
    { id: 'c1', author: 'dana', body: 'Round shipping too?', url: 'https://x/c1', createdAt: '' },
    { id: 'c2', author: 'ben', body: 'Later.', url: 'https://x/c2', createdAt: '' }
  ],
  commentCount: 2,
  ...more
})
