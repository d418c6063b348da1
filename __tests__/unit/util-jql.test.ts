import { jqlString, jqlTextSearch } from '../../src/util/jql.js'

describe('JQL values from untrusted text', () => {
  test.each([
    ['plain', '"plain"'],
    ['say "hi"', '"say \\"hi\\""'],
    ['back\\slash', '"back\\\\slash"'],
    ['" OR project = SECRET OR summary ~ "', '"\\" OR project = SECRET OR summary ~ \\""'],
    ['line\nbreak', '"line break"']
  ])('%s', (value, expected) => {
    expect(jqlString(value)).toBe(expected)
  })

  test('a hostile PR title stays one quoted literal of words', () => {
    expect(jqlTextSearch('text', ['fix"', ') OR (project', '= ADMIN*', 'café', 'C++'])).toBe(
      'text ~ "fix or project admin café c"'
    )
  })

  test('no word left means no clause', () => {
    expect(jqlTextSearch('text', ['***', '"'])).toBeNull()
  })
})
