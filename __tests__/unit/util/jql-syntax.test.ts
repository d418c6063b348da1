import { jqlNestingProblem, jqlTokens, jqlUsesField } from '../../../src/util/jql-syntax.js'

test.each(['statusCategory !!= Done AND', 'status ! = Done', 'status = Done!', '!', '(!)'])(
  'a character that starts no operator (%s) is read as a word: the reading ends',
  (jql) => {
    const tokens = jqlTokens(jql)
    expect(tokens.length).toBeLessThanOrEqual(jql.length)
    expect(tokens.map((t) => t.text).join('')).toBe(jql.replace(/\s+/g, ''))
  }
)

test('a typo with a lone ! still gets its nesting checked and its project field found', () => {
  expect(jqlNestingProblem('(status ! = Done')).toBe('the "(" at character 1 is never closed')
  expect(jqlUsesField('project = SHOP AND status ! = Done', 'project')).toBe(true)
})
