/** What a reviewer reads when part of the run failed: the PR comment names the rule and why. */
import { renderComment } from '../../../src/report/comment.js'
import { buildReport, ruleFailures } from '../../../src/report/model.js'
import { failureLines, groupFailures } from '../../../src/report/failures.js'
import type { AppliedAction } from '../../../src/plan/actions.js'
import { jiraIssue, prEvent, prFacts, settings } from '../../helpers/facts.js'

test('a failed candidate search shows as an auto-link failure beside the links that stand', () => {
  const body = renderComment(
    buildReport({
      event: prEvent({ action: 'synchronize' }),
      settings: settings(),
      pr: prFacts(),
      discovery: {
        linked: [
          { issue: jiraIssue('SHOP-51'), strength: 'references', via: 'inferred', sources: [] }
        ],
        suggestions: [],
        state: { v: 1, links: [{ key: 'SHOP-51', via: 'inferred' }] },
        failure: {
          message: 'key-less linking could not search Jira for candidates (Jira refused it)'
        }
      },
      planned: { notes: [], failures: [{ rule: 'transitions', message: 'no way to Done' }] },
      applied: []
    })
  )
  expect(body).toContain('> Some of what gitar-jira does failed on this run:')
  expect(body).toContain(
    '> - **auto-link**: key-less linking could not search Jira for candidates \\(Jira refused it\\)\n> - **transitions**: no way to Done'
  )
  expect(body).toContain('SHOP-51')
})
const REFUSED =
  'POST /rest/api/3/issue: 400 Bad Request - project: Specify a valid project ID or key'
const todo = (line: number) => `the TODO at src/cart.ts:${line}`

describe('failures that say the same', () => {
  test('of one rule and one message: one line, the count and the first items', () => {
    const failures = [1, 2, 3, 4, 5].map((n) => ({
      rule: 'follow-ups' as const,
      message: REFUSED,
      item: todo(n)
    }))
    expect(failureLines(failures)).toEqual([
      `follow-ups: ${REFUSED} (5 times: ${todo(1)}, ${todo(2)}, ${todo(3)} and 2 more)`
    ])
  })

  test('a message that names its item is the same once the item is taken out', () => {
    const failures = ['ABC-1', 'ABC-2'].map((key) => ({
      rule: 'auto-link' as const,
      message: `could not link ${key}: 403 Forbidden`,
      item: key
    }))
    expect(groupFailures(failures)).toEqual([
      {
        rule: 'auto-link',
        message: 'could not link …: 403 Forbidden',
        count: 2,
        items: ['ABC-1', 'ABC-2']
      }
    ])
  })

  test('a lone failure whose message does not name its item says it: which issue Jira refused', () => {
    const forbidden =
      "Jira at https://acme.atlassian.net refused to comment on issues (403 Forbidden): the account behind 'jira-email' and 'jira-api-token' needs the 'Add comments (and Edit own comments)' permission in the project."
    expect(
      failureLines([
        { rule: 'merge-summary', message: forbidden, item: 'OPS-2' },
        { rule: 'transitions', message: 'SHOP-7: no such status', item: 'SHOP-7' }
      ])
    ).toEqual([`merge-summary: ${forbidden} (OPS-2)`, 'transitions: SHOP-7: no such status'])
  })

  test('other rules or other words stay apart, in order; a lone failure has no count', () => {
    const failures = [
      { rule: 'follow-ups' as const, message: REFUSED, item: todo(1) },
      { rule: 'transitions' as const, message: REFUSED },
      { rule: 'follow-ups' as const, message: 'Jira is down', item: todo(2) },
      { rule: 'follow-ups' as const, message: REFUSED, item: todo(3) }
    ]
    expect(failureLines(failures)).toEqual([
      `follow-ups: ${REFUSED} (2 times: ${todo(1)}, ${todo(3)})`,
      `transitions: ${REFUSED}`,
      `follow-ups: Jira is down (${todo(2)})`
    ])
  })

  test('a failed write says what it was for: its `what`, else its issue', () => {
    const applied = [
      {
        action: {
          type: 'jira.createIssue',
          rule: 'follow-ups',
          what: todo(1),
          issue: {},
          relatesTo: null,
          reply: null
        },
        status: 'failed',
        error: REFUSED
      },
      {
        action: { type: 'jira.transition', rule: 'transitions', issueKey: 'ABC-1' },
        status: 'failed',
        error: 'no such status'
      }
    ] as unknown as AppliedAction[]
    expect(ruleFailures(applied)).toEqual([
      { rule: 'follow-ups', message: REFUSED, item: todo(1) },
      { rule: 'transitions', message: 'no such status', item: 'ABC-1' }
    ])
  })
})
