import { adfShapeProblems } from '../../helpers/adf-shape.js'
import { toAdf } from '../../../src/richtext/adf.js'
import { fromMarkdownText } from '../../../src/richtext/markdown.js'
import { code, link, paragraph, safeHref, strong, text } from '../../../src/richtext/model.js'
import { toWiki } from '../../../src/richtext/wiki.js'

describe('markdown → rich text', () => {
  test('GitHub markdown: headings, lists, task lists, code, links, tables, line breaks', () => {
    const doc = fromMarkdownText(
      '## Why\nLine one\nline two\n\n- [x] done\n- [ ] todo\n\n```sql\nselect 1\n```\n\n| a |\n|---|\n| b |\n\nSee [docs][d].\n\n[d]: https://docs.test/x\n'
    )
    expect(doc.blocks.map((b) => b.type)).toEqual([
      'heading',
      'paragraph',
      'bulletList',
      'codeBlock',
      'table',
      'paragraph'
    ])
    expect(JSON.stringify(doc)).toContain('"text":"Line one\\nline two"')
    expect(doc.blocks[2]).toEqual({
      type: 'bulletList',
      items: [{ content: [{ type: 'paragraph', content: [text('done')] }], checked: true }]
    })
    expect(doc.blocks[3]).toEqual({ type: 'codeBlock', language: 'sql', text: 'select 1' })
    expect(doc.blocks[5]).toEqual({
      type: 'paragraph',
      content: [text('See '), link('docs', 'https://docs.test/x'), text('.')]
    })
  })

  test('empty template sections go, nested ones too; a filled one stays', () => {
    const doc = fromMarkdownText('# A\n## B\n<!-- hint -->\n## C\n- [ ] x\n# D\ntext\n## E\n')
    expect(doc.blocks).toEqual([
      { type: 'heading', level: 1, content: [text('D')] },
      { type: 'paragraph', content: [text('text')] }
    ])
  })

  test('only http(s) links', () => {
    expect(safeHref('https://a.test/x?y=1')).toBe('https://a.test/x?y=1')
    for (const bad of [
      'javascript:alert(1)',
      'data:text/html,x',
      'mailto:a@b.c',
      '/relative',
      '',
      null
    ]) {
      expect(safeHref(bad)).toBeUndefined()
    }
  })
})

describe('rich text → ADF and wiki markup', () => {
  const doc = fromMarkdownText(
    '# Title *em*\n\n> quote with `code`\n\n- item\n  ```js\n  x()\n  ```\n  - nested\n\n3. third\n\n---\n\n~~old~~ **[bold link](https://x.test)**\n'
  )

  test('ADF follows the nesting rules', () => {
    const adf = toAdf(doc)
    expect(adfShapeProblems(adf)).toEqual([])
    expect(JSON.stringify(adf)).toContain('"type":"orderedList","content":[{"type":"listItem"')
    expect(JSON.stringify(adf)).toContain('"attrs":{"order":3}')
  })

  test('wiki markup renders the same tree, text escaped', () => {
    expect(toWiki(doc)).toBe(
      [
        'h1. Title _em_',
        '{quote}\nquote with {{code}}\n{quote}',
        '* item\n* {noformat}\nx()\n{noformat}\n** nested',
        '# third',
        '----',
        '-old- [*bold link*|https://x.test/]'
      ].join('\n\n')
    )
    expect(toWiki(fromMarkdownText('a [~accountid:1] {color} *b*'))).toBe(
      'a \\[\\~accountid:1\\] \\{color\\} _b_'
    )
  })

  test('text that starts a line as a heading or a quote stays text (Data Center)', () => {
    const wiki = toWiki(
      fromMarkdownText('Fixes it\nh1. Not a heading\n  bq. not a quote\n\nH3. no')
    )
    expect(wiki).toBe('Fixes it\\\\\nh1\\. Not a heading\\\\\nbq\\. not a quote\n\nH3\\. no')
    expect(toWiki({ blocks: [paragraph(text('a\n  h6. b'))] })).toBe('a\\\\\n  h6\\. b')
    // Not at a line's start, and in our own headings, nothing changes.
    expect(
      toWiki({
        blocks: [
          paragraph(text('see h1. here')),
          { type: 'heading', level: 2, content: [text('h2. Title')] }
        ]
      })
    ).toBe('see h1. here\n\nh2. h2\\. Title')
  })

  test("a link's URL cannot close the link and write macros or mentions (Data Center)", () => {
    const url = 'https://x.test/?q=]{color:red}pwn{color}[~admin]|x'
    const wiki = toWiki({ blocks: [{ type: 'paragraph', content: [link('docs', url)] }] })
    expect(wiki).toBe('[docs|https://x.test/?q=%5D%7Bcolor:red%7Dpwn%7Bcolor%7D%5B%7Eadmin%5D%7Cx]')
    // The same through a PR body's markdown (an autolinked URL):
    expect(toWiki(fromMarkdownText(`see ${url}`))).toMatch(
      /^see \[(?:[^|\\]|\\.)*\|https:\/\/x\.test\/\?q=%5D%7Bcolor:red%7Dpwn%7Bcolor%7D%5B%7Eadmin%5D%7Cx\]$/
    )
    expect(wiki).not.toMatch(/\{color|\[~/)
  })

  test('Data Center: whitespace at the edge of a mark goes outside it, so the marks render', () => {
    // Jira prints the asterisks of `*Approved by *`: a closing mark may not follow whitespace.
    const wiki = (...content: Parameters<typeof paragraph>) =>
      toWiki({ blocks: [paragraph(...content)] })
    expect(wiki(strong('Approved by '), text('chenwei'))).toBe('*Approved by* chenwei')
    expect(wiki(text('fix'), strong(' (breaking)'))).toBe('fix *(breaking)*')
    expect(wiki(text('a'), text(' b ', { type: 'em' }), text('c'))).toBe('a _b_ c')
    expect(wiki(text('a'), text(' old ', { type: 'strike' }), text('b'))).toBe('a -old- b')
    expect(wiki(text('run'), code(' npm ci '), text('now'))).toBe('run {{npm ci}} now')
    expect(wiki(text(' x ', { type: 'strong' }, { type: 'em' }))).toBe(' _*x*_ ')
    expect(wiki(link(' docs ', 'https://x.test', { type: 'strong' }))).toBe(
      ' [*docs*|https://x.test/] '
    )
    // Only whitespace: no empty markers (`**` or `{{}}` would print as they are).
    expect(wiki(text('a'), strong('  '), code(' '), text('b'))).toBe('a   b')
  })
})
