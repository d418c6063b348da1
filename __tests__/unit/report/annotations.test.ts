import { core } from '../../helpers/core-mock.js'

const { annotateWarnings } = await import('../../../src/report/annotations.js')

beforeEach(() => core.warning.mockClear())

test('warning notes become warning annotations titled by their rule; info notes stay in the comment', () => {
  const text =
    'SHOP-7 cannot move to "Code Review" from "In Progress": no transition of its workflow leads there. Reachable from here: To Do, In Review, Done.'
  annotateWarnings({
    notes: [
      { rule: 'transitions', level: 'warning', text },
      { rule: 'auto-link', level: 'info', text: 'The PR has more commits than GitHub lists (250).' }
    ],
    applied: []
  })
  expect(core.warning.mock.calls).toEqual([[text, { title: 'gitar-jira transitions' }]])
})

test('a transition Jira refused is a warning annotation; one done or other warned writes are not', () => {
  const transition = {
    type: 'jira.transition' as const,
    rule: 'transitions' as const,
    transitionId: '31',
    from: 'In Progress',
    to: 'Done'
  }
  annotateWarnings({
    notes: [],
    applied: [
      {
        action: { ...transition, issueKey: 'SHOP-7' },
        status: 'warned',
        warning: "Field 'customfield_10020' is required."
      },
      { action: { ...transition, issueKey: 'SHOP-8' }, status: 'done' },
      {
        action: {
          type: 'github.updatePrTitle',
          rule: 'auto-link',
          prNumber: 4,
          title: 'SHOP-7 x',
          from: 'x'
        },
        status: 'warned',
        warning: 'the title was edited since this run read it'
      }
    ]
  })
  expect(core.warning.mock.calls).toEqual([
    [
      `Jira refused to move SHOP-7 from "In Progress" to "Done": Field 'customfield_10020' is required.`,
      { title: 'gitar-jira transitions' }
    ]
  ])
})

test('a refusal by a screen field the action left empty carries the advice', () => {
  annotateWarnings({
    notes: [],
    applied: [
      {
        action: {
          type: 'jira.transition',
          rule: 'transitions',
          issueKey: 'SHOP-7',
          transitionId: '31',
          from: 'In Progress',
          to: 'Done',
          fill: { resolution: 'Done', prefer: ['Done'] },
          unfilled: {
            transition: 'Resolve',
            fields: [
              { key: 'customfield_10020', name: 'Sprint', required: true, hasDefault: false }
            ]
          }
        },
        status: 'warned',
        warning: 'customfield_10020: Sprint is required.',
        refusal: {
          fields: ['customfield_10020'],
          unfilled: {
            transition: 'Resolve',
            fields: [
              { key: 'customfield_10020', name: 'Sprint', required: true, hasDefault: false }
            ]
          }
        }
      }
    ]
  })
  expect(core.warning.mock.calls).toEqual([
    [
      `Jira refused to move SHOP-7 from "In Progress" to "Done" (resolution "Done"): customfield_10020: Sprint is required. The screen of the 'Resolve' transition requires 'Sprint', which the action does not fill: give it a default value or take it off that screen in the workflow, or name another status in the config file.`,
      { title: 'gitar-jira transitions' }
    ]
  ])
})

test('a move to a done status that leaves the optional resolution empty is a warning, also in a dry run', () => {
  const field = {
    key: 'resolution',
    name: 'Resolution',
    required: false,
    hasDefault: false,
    allowed: ['Duplicate', 'Cannot Reproduce']
  }
  const action = {
    type: 'jira.transition' as const,
    rule: 'transitions' as const,
    issueKey: 'SHOP-7',
    transitionId: '31',
    from: 'In Progress',
    to: 'Done',
    fill: { prefer: ['Done', 'Fixed'] },
    unresolved: { transition: 'Close issue', field }
  }
  annotateWarnings({
    notes: [],
    applied: [
      { action, status: 'done' },
      { action: { ...action, issueKey: 'SHOP-8' }, status: 'would' },
      // A layer that read a newer screen filled it itself: what the plan saw no longer holds.
      { action: { ...action, issueKey: 'SHOP-9' }, status: 'done', sent: { prefer: ['Done'] } },
      { action: { ...action, issueKey: 'SHOP-10', unresolved: undefined }, status: 'done' }
    ]
  })
  const advice = `the 'Close issue' screen offers none of Done, Fixed (it offers Duplicate, Cannot Reproduce) and has no default, so Jira shows the issue as Unresolved. Add one of those resolutions, or give the field a default value.`
  expect(core.warning.mock.calls).toEqual([
    [`SHOP-7 moved to "Done" without a Resolution: ${advice}`, { title: 'gitar-jira transitions' }],
    [
      `SHOP-8 would move (dry run) to "Done" without a Resolution: ${advice}`,
      { title: 'gitar-jira transitions' }
    ]
  ])
})

test('a review request GitHub refused (422) is a warning annotation; one made is not', () => {
  const request = {
    type: 'github.requestReviewer' as const,
    rule: 'suggest-reviewers' as const,
    prNumber: 110
  }
  annotateWarnings({
    notes: [],
    applied: [
      {
        action: { ...request, login: 'gus-ops' },
        status: 'warned',
        warning: 'Reviews may only be requested from collaborators.'
      },
      { action: { ...request, login: 'dana-k' }, status: 'done' }
    ]
  })
  expect(core.warning.mock.calls).toEqual([
    [
      'GitHub refused to request a review of PR #110 from gus-ops: Reviews may only be requested from collaborators.',
      { title: 'gitar-jira suggest-reviewers' }
    ]
  ])
})
