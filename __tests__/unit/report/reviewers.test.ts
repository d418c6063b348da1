import type { AppliedAction } from '../../../src/plan/actions.js'
import { applyDecisions } from '../../../src/report/checkboxes.js'
import { renderComment } from '../../../src/report/comment.js'
import { buildReport, type RunReport } from '../../../src/report/model.js'
import { outputsOf } from '../../../src/report/outputs.js'
import {
  OUTDATED,
  reviewersBlock,
  suggestedLogins,
  withRequested
} from '../../../src/report/reviewers.js'
import { readState, writeState } from '../../../src/report/state.js'
import type {
  ReviewerPlan,
  ReviewerSuggestion
} from '../../../src/rules/suggest-reviewers/model.js'
import { jiraIssue, prEvent, prFacts, settings } from '../../helpers/facts.js'

const suggestion = (
  login: string,
  extra: Partial<ReviewerSuggestion> = {}
): ReviewerSuggestion => ({
  login,
  url: `https://github.com/${login}`,
  name: 'Eli Romero',
  ties: [
    { role: 'reporter', issueKey: 'SHOP-12' },
    { role: 'watcher', issueKey: 'SHOP-12' },
    { role: 'assignee', issueKey: 'SHOP-23' }
  ],
  score: 3,
  via: 'public email',
  requestedEarlier: false,
  ...extra
})

function plan(extra: Partial<ReviewerPlan> = {}): ReviewerPlan {
  return {
    mode: 'comment',
    suggested: [],
    unmapped: [],
    notLookedUp: 0,
    removed: [],
    noAccess: [],
    ...extra
  }
}

const request = (
  login: string,
  status: AppliedAction['status'],
  warning?: string
): AppliedAction => ({
  action: { type: 'github.requestReviewer', rule: 'suggest-reviewers', prNumber: 42, login },
  status,
  ...(warning ? { warning } : {})
})

function report(reviewers: ReviewerPlan | undefined, applied: AppliedAction[] = []): RunReport {
  return {
    dryRun: false,
    repo: 'acme/shop',
    prNumber: 42,
    headSha: '0123456789abcdef',
    linked: [
      { issue: jiraIssue('SHOP-12'), strength: 'resolves', via: 'explicit', sources: ['title'] }
    ],
    suggestions: [],
    state: { v: 1, links: [{ key: 'SHOP-12', via: 'explicit' }] },
    unlinked: [],
    notes: [],
    failures: [],
    applied,
    ...(reviewers ? { reviewers } : {})
  }
}

describe('the "Suggested reviewers" section', () => {
  test('comment mode: each suggestion links the login (no @-mention) and says why', () => {
    const text = reviewersBlock(report(plan({ suggested: [suggestion('eliromero')] })))
    expect(text).toBe(
      [
        "**Suggested reviewers** (from the linked issues' people):",
        '- [eliromero](https://github.com/eliromero) · Eli Romero: reporter and watcher of SHOP-12, assignee of SHOP-23 · matched by public email'
      ].join('\n')
    )
    expect(text).not.toMatch(/@eliromero/)
  })

  test('request mode: requested, requested earlier, would (dry run), refused by GitHub', () => {
    const text = reviewersBlock(
      report(
        plan({
          mode: 'request',
          suggested: [
            suggestion('a1'),
            suggestion('b1', { requestedEarlier: true }),
            suggestion('c1'),
            suggestion('d1')
          ]
        }),
        [
          request('a1', 'done'),
          request('c1', 'would'),
          request('d1', 'warned', 'Reviews may only be requested from collaborators.')
        ]
      )
    )
    expect(text).toContain(
      '[a1](https://github.com/a1) · Eli Romero: reporter and watcher of SHOP-12, assignee of SHOP-23 · matched by public email · review requested'
    )
    expect(text).toMatch(/\[b1\].* · review requested$/m)
    expect(text).toMatch(/\[c1\].* · would request a review \(dry run\)$/m)
    expect(text).toMatch(
      /\[d1\].* · ⚠️ not requested: Reviews may only be requested from collaborators\.$/m
    )
  })

  test('people without a GitHub login: the hint names the users table and their accountId', () => {
    const text = reviewersBlock(
      report(
        plan({
          unmapped: [
            {
              id: 'u-fay',
              name: 'Fay <b>@here</b>',
              ties: [{ role: 'watcher', issueKey: 'SHOP-12' }],
              emailHidden: true
            }
          ]
        })
      )
    )
    expect(text).toContain(
      '**Watching in Jira, no GitHub account found** (add them to `users` under `rules.suggest-reviewers`'
    )
    expect(text).toContain(
      '- Fay &lt;b&gt;@\u200bhere&lt;/b&gt; (`u-fay`): watcher of SHOP-12 · email hidden in Jira: only the id can name them'
    )
  })

  test('people not looked up are counted under those without a login, not dropped unsaid', () => {
    const fay = { id: 'u-fay', name: 'Fay', ties: [], emailHidden: true }
    const text = reviewersBlock(report(plan({ unmapped: [fay], notLookedUp: 8 })))
    expect(text.split('\n').slice(-2)).toEqual([
      '- Fay (`u-fay`):  · email hidden in Jira: only the id can name them',
      "- 8 more of the linked issues' people were not looked up: the best ranked are, 15 at most, until `max` reviewers are found"
    ])
    // With nobody listed, there is no section to add it to.
    expect(reviewersBlock(report(plan({ notLookedUp: 8 })))).not.toContain('not looked up')
  })

  test('removed by a human, and left out for want of access', () => {
    const text = reviewersBlock(
      report(plan({ removed: ['eliromero'], noAccess: [{ login: 'fay-n', name: 'Fay Nakamura' }] }))
    )
    expect(text).toContain('Not requested again (someone removed the request): eliromero')
    expect(text).toContain('Left out, no access to the repository: fay-n (Fay Nakamura)')
  })

  test('nothing to say: one line when issues are linked; no section when the rule did not run', () => {
    expect(reviewersBlock(report(plan()))).toBe(
      "**Suggested reviewers**: _no one to suggest among the linked issues' people._"
    )
    expect(reviewersBlock(report(undefined))).toBe('')
    expect(renderComment(report(undefined))).not.toContain('Suggested reviewers')
  })

  test('is part of the PR comment', () => {
    expect(renderComment(report(plan({ suggested: [suggestion('eliromero')] })))).toContain(
      '[eliromero](https://github.com/eliromero)'
    )
  })
})

describe('the section on a run where the rule does not run (edited, closed, a ticked box)', () => {
  const earlier = renderComment(report(plan({ suggested: [suggestion('eliromero')] })))
  const linked = [
    {
      issue: jiraIssue('SHOP-12'),
      strength: 'resolves' as const,
      via: 'explicit' as const,
      sources: ['title' as const]
    }
  ]
  const withReviewers = (enabled: boolean) => {
    const base = settings()
    const suggestReviewers = { ...base.rules.suggestReviewers, enabled }
    return { ...base, rules: { ...base.rules, suggestReviewers } }
  }
  const rerun = (
    overrides: {
      enabled?: boolean
      links?: typeof linked
      reviewers?: ReviewerPlan
      pr?: Parameters<typeof prFacts>[0]
      body?: string
    } = {}
  ) =>
    renderComment(
      buildReport({
        event: prEvent({ action: 'edited' }),
        settings: withReviewers(overrides.enabled ?? true),
        pr: prFacts(overrides.pr),
        discovery: {
          linked: overrides.links ?? linked,
          suggestions: [],
          state: { v: 1, links: [] }
        },
        planned: {
          notes: [],
          failures: [],
          ...(overrides.reviewers ? { reviewers: overrides.reviewers } : {})
        },
        applied: [],
        earlierComment: {
          body: overrides.body ?? earlier,
          state: readState(overrides.body ?? earlier)
        }
      })
    )

  test('keeps what the previous run suggested, as it was', () => {
    const body = rerun()
    expect(body).toContain("**Suggested reviewers** (from the linked issues' people):")
    expect(body).toContain('[eliromero](https://github.com/eliromero)')
    expect(body.match(/<!-- gitar-jira:reviewers -->/g)).toHaveLength(1) // not nested
  })

  test("is replaced by this run's suggestions when the rule runs", () => {
    const body = rerun({ reviewers: plan({ suggested: [suggestion('fay-n')] }) })
    expect(body).toContain('[fay-n](https://github.com/fay-n)')
    expect(body).not.toContain('eliromero')
  })

  test('says so when the linked issues changed since it was written, once', () => {
    expect(rerun()).not.toContain(OUTDATED.open) // SHOP-12 then and now
    const shop15 = [{ ...linked[0]!, issue: jiraIssue('SHOP-15') }]
    const changed = rerun({ links: shop15 })
    expect(changed).toContain('[eliromero](https://github.com/eliromero)')
    expect(changed).toContain(OUTDATED.open)
    const again = renderComment(
      buildReport({
        event: prEvent({ action: 'edited' }),
        settings: withReviewers(true),
        pr: prFacts(),
        discovery: { linked, suggestions: [], state: { v: 1, links: [] } },
        planned: { notes: [], failures: [] },
        applied: [],
        earlierComment: { body: changed, state: readState(changed) }
      })
    )
    expect(again.split(OUTDATED.open)).toHaveLength(2)
  })

  test('after the merge or the close, the line under it promises no push that will not come', () => {
    const shop15 = [{ ...linked[0]!, issue: jiraIssue('SHOP-15') }]
    const merged = rerun({ links: shop15, pr: { state: 'closed', merged: true } })
    expect(merged).toContain(
      '_Suggested before the linked issues changed; the PR is merged, so none are suggested again._'
    )
    expect(merged).not.toContain('next push')
    const closed = rerun({ links: shop15, pr: { state: 'closed', merged: false } })
    expect(closed).toContain(
      '_Suggested before the linked issues changed; reopening the PR suggests reviewers again._'
    )
    // A section kept while the PR was open, with the line it had then: merged, the line changes.
    const whileOpen = rerun({ links: shop15 })
    const atMerge = rerun({ body: whileOpen, pr: { state: 'closed', merged: true } })
    expect(atMerge).not.toContain(OUTDATED.open)
    expect(atMerge.split(OUTDATED.merged)).toHaveLength(2)
  })

  test('goes when the rule is turned off or no issue is linked any more', () => {
    expect(rerun({ enabled: false })).not.toContain('Suggested reviewers')
    expect(rerun({ links: [] })).not.toContain('Suggested reviewers')
  })
})

describe('the suggested-reviewers output', () => {
  test('the suggestions, less the ones GitHub refused', () => {
    const r = report(plan({ suggested: [suggestion('a1'), suggestion('b1'), suggestion('c1')] }), [
      request('b1', 'warned', 'no'),
      request('c1', 'done')
    ])
    expect(suggestedLogins(r)).toEqual(['a1', 'c1'])
    expect(outputsOf(r, '')['suggested-reviewers']).toEqual(['a1', 'c1'])
    expect(outputsOf(report(undefined), '')['suggested-reviewers']).toEqual([])
  })
})

describe('the state remembers whom the action requested', () => {
  test('requests done on this run join the earlier ones; dry-run and refusals do not', () => {
    const state = withRequested({ v: 1, links: [], requested: ['a1'] }, [
      request('b1', 'done'),
      request('c1', 'would'),
      request('d1', 'warned', 'no'),
      request('a1', 'done')
    ])
    expect(state.requested).toEqual(['a1', 'b1'])
    expect(withRequested({ v: 1, links: [] }, [])).toEqual({ v: 1, links: [] })
  })

  test("a maintainer's checkbox edit keeps it", () => {
    const state = { v: 1 as const, links: [], requested: ['eliromero'] }
    expect(applyDecisions(state, { accept: ['ABC-9'], reject: [] }).requested).toEqual([
      'eliromero'
    ])
  })

  test('round-trips through the comment; anything but a login is dropped', () => {
    const written = writeState({ v: 1, links: [], requested: ['eliromero', 'ana-lima'] })
    expect(readState(written)).toEqual({ v: 1, links: [], requested: ['eliromero', 'ana-lima'] })
    const forged = '<!-- gitar-jira:state {"v":1,"links":[],"requested":["ok","<x>","@a",7]} -->'
    expect(readState(forged).requested).toEqual(['ok'])
  })
})
