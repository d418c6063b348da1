import { codeText } from '../../../src/util/code-text.js'
import { escapeCell } from '../../../src/util/escape.js'

describe('codeText: the action’s words naming code, around values someone else wrote', () => {
  const hostile = '<img src=x> @admin **bold** `code` [link](http://x) #12'

  test('plain text is as written; in markdown the template’s backtick spans are code', () => {
    const note = codeText`Set \`rules.follow-ups.project\` (or link ${'ABC-1'}) in ${'.github/gitar-jira.yml'}.`
    expect(note.text).toBe(
      'Set `rules.follow-ups.project` (or link ABC-1) in .github/gitar-jira.yml.'
    )
    expect(note.markdown).toBe(
      'Set `rules.follow-ups.project` \\(or link ABC-1\\) in .github/gitar-jira.yml.'
    )
  })

  test('a value is escaped: it opens no code, and formats, links or mentions nothing', () => {
    const note = codeText`Jira says ${hostile}: see \`jira.projects\`.`
    expect(note.text).toBe(`Jira says ${hostile}: see \`jira.projects\`.`)
    expect(note.markdown).toBe(`Jira says ${escapeCell(hostile)}: see \`jira.projects\`.`)
    expect(note.markdown).not.toContain('<img')
    expect(note.markdown).not.toMatch(/@admin/)
  })

  test('a value inside the code is shown as written, less the backticks that would end it', () => {
    expect(codeText`status \`${'Done `now`'}\``.markdown).toBe("status `Done 'now'`")
  })

  test('a value inside the code is shown in the order it is stored: no bidi control reorders it', () => {
    expect(codeText`status \`${'Do\u202enoD\u202c'}\``.markdown).toBe('status `DonoD`')
  })
})
