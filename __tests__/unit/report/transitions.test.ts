import type { Action, AppliedAction } from '../../../src/plan/actions.js'
import { statusesAfter, transitionsBlock } from '../../../src/report/transitions.js'
import type { LinkedIssue } from '../../../src/rules/linked-issue.js'
import { jiraIssue } from '../../helpers/facts.js'

const move = (key: string, id: string | null, from: string, to: string): Action => ({
  type: 'jira.transition',
  rule: 'transitions',
  issueKey: key,
  transitionId: id,
  from,
  to
})

describe('the Jira status section of the PR comment', () => {
  test('moves and "already there" read the same; refusals are warnings with Jira’s words', () => {
    const applied: AppliedAction[] = [
      { action: move('SHOP-12', '41', 'In Progress', 'Done'), status: 'done' },
      { action: move('SHOP-13', null, 'Done', 'Done'), status: 'done' },
      {
        action: move('SHOP-14', '41', 'In Progress', 'Done'),
        status: 'warned',
        warning: 'resolution: Resolution is required.'
      },
      { action: move('SHOP-15', '41', 'In Progress', 'Done'), status: 'failed', error: 'x' }
    ]
    expect(transitionsBlock({ applied })).toBe(
      [
        '**Jira status**',
        '- SHOP-12 → **Done**',
        '- SHOP-13 → **Done**',
        '- ⚠️ SHOP-14 stays in In Progress: Jira refused the move to Done: resolution: Resolution is required.',
        '- SHOP-15: the move to Done failed (see below)'
      ].join('\n')
    )
  })

  test('dry run; no transition at all: no section', () => {
    expect(
      transitionsBlock({
        applied: [{ action: move('A-1', '2', 'To Do', 'In Review'), status: 'would' }]
      })
    ).toBe('**Jira status**\n- A-1: would move To Do → In Review (dry run)')
    expect(transitionsBlock({ applied: [] })).toBe('')
  })

  test('status names from Jira are escaped', () => {
    const applied: AppliedAction[] = [
      { action: move('A-1', '2', 'x', '<b>@team</b>'), status: 'done' }
    ]
    expect(transitionsBlock({ applied })).not.toContain('<b>')
    expect(transitionsBlock({ applied })).not.toContain('@team')
  })

  test('the linked-issues table shows the status after this run’s moves', () => {
    const linked: LinkedIssue[] = [
      { issue: jiraIssue('SHOP-12'), strength: 'resolves', via: 'explicit', sources: ['title'] },
      { issue: jiraIssue('SHOP-13'), strength: 'resolves', via: 'explicit', sources: ['title'] }
    ]
    const after = statusesAfter(linked, [
      { action: move('SHOP-12', '41', 'In Progress', 'Done'), status: 'done' },
      { action: move('SHOP-13', '41', 'In Progress', 'Done'), status: 'warned', warning: 'no' }
    ])
    expect(after.map((l) => l.issue.status.name)).toEqual(['Done', 'In Progress'])
    expect(linked[0]!.issue.status.name).toBe('In Progress') // not mutated
  })
})
