import { core } from '../../helpers/core-mock.js'

const { annotateWarnings } = await import('../../../src/report/annotations.js')

test('warning notes become warning annotations titled by their rule; info notes stay in the comment', () => {
  const text =
    'SHOP-7 cannot move to "Code Review" from "In Progress": no transition of its workflow leads there. Reachable from here: To Do, In Review, Done.'
  annotateWarnings({
    notes: [
      { rule: 'transitions', level: 'warning', text },
      { rule: 'auto-link', level: 'info', text: 'The PR has more commits than GitHub lists (250).' }
    ]
  })
  expect(core.warning.mock.calls).toEqual([[text, { title: 'gitar-jira transitions' }]])
})
