import {
  findKeyMentions,
  keysOfBrowseUrls,
  scanKeys,
  standsAsKey,
  stripHtmlComments
} from '../../../../src/rules/auto-link/keys.js'
import type { KeySource } from '../../../../src/config/settings.js'

const ALL: KeySource[] = ['title', 'branch', 'body', 'commits']
const keysOf = (text: string) => scanKeys(text).map((f) => f.key)

describe('scanKeys: what stands alone as a key', () => {
  test.each([
    ['ABC-123 add login', ['ABC-123']],
    ['feature/abc-123-fix', ['ABC-123']],
    ['bugfix/ABC-7_null-pointer', ['ABC-7']],
    ['XABC-1 is another project', ['XABC-1']],
    ['ABC-12x is not a key', []],
    ['ABC-0 and ABC-012 have no issue number', []],
    ['1ABC-2 starts with a digit', []],
    ['see https://acme.atlassian.net/browse/OPS-42 for details', ['OPS-42']],
    [
      'https://acme.atlassian.net/jira/software/projects/OPS/boards/1?selectedIssue=OPS-7',
      ['OPS-7']
    ],
    ['(ABC-1), [ABC-2]: "ABC-3".', ['ABC-1', 'ABC-2', 'ABC-3']],
    ['UTF-8 and SHA-256 look like keys; Jira decides', ['UTF-8', 'SHA-256']],
    ['feature_ABC-12', ['FEATURE_ABC-12', 'ABC-12']],
    ['MY_PROJ-5', ['MY_PROJ-5', 'PROJ-5']],
    // What looks like another key is none: an invisible character inside it, a digit or a
    // letter of another script beside it, a combining mark on its last digit.
    ['Fixes SHOP-1\u200D2', []],
    ['Fixes SHOP-1\u200B2 and SHOP-3\u202E', []],
    ['SHOP-1\u0662 (an Arabic-Indic two)', []],
    ['\u00e9SHOP-12 and SHOP-12\u0301', []],
    // Scripts written without spaces run into keys: their letters are boundaries.
    ['修复SHOP-12的购物车问题', ['SHOP-12']],
    ['SHOP-12の不具合を修正', ['SHOP-12']],
    ['버그SHOP-12수정 แก้SHOP-13ไข', ['SHOP-12', 'SHOP-13']],
    // Symbols and emoji (with their variation selector) are not letters: the key stands.
    ['\u2705\uFE0FSHOP-12 \u2014SHOP-13\u2014', ['SHOP-12', 'SHOP-13']]
  ])('%s', (text, expected) => {
    expect(keysOf(text)).toEqual(expected)
  })

  test('a project part over 50 characters is read from its last 50: no scan of the whole run', () => {
    const keys = keysOf(`${'a_'.repeat(30)}SHOP-7`)
    expect(keys[0]).toBe(`${'A_'.repeat(23)}SHOP-7`)
    expect(keys.at(-1)).toBe('SHOP-7')
  })

  test('standsAsKey reads a given key the same way', () => {
    expect(standsAsKey('SHOP-12', 'fix SHOP-12.')).toBe(true)
    expect(standsAsKey('SHOP-1', 'fix SHOP-1\u200D2')).toBe(false)
    expect(standsAsKey('SHOP-12', 'fix XSHOP-12')).toBe(false)
  })

  test('browse URLs under a context path of a few segments', () => {
    expect(keysOfBrowseUrls('at https://jira.acme.test/sub/jira/browse/OPS-7?focused=1')).toEqual([
      'OPS-7'
    ])
  })
})

describe('findKeyMentions: strength', () => {
  const mentions = (
    texts: Partial<Record<'title' | 'branch' | 'body', string>> & { commits?: string[] }
  ) =>
    findKeyMentions(
      {
        title: texts.title ?? '',
        branch: texts.branch ?? '',
        body: texts.body ?? '',
        commits: texts.commits ?? []
      },
      ALL
    ).map((m) => `${m.key}:${m.strength}:${m.sources.join('+')}`)

  test('title and branch resolve; the body references', () => {
    expect(
      mentions({ title: 'ABC-1 Add cart', branch: 'feature/abc-2', body: 'Also touches ABC-3.' })
    ).toEqual(['ABC-1:resolves:title', 'ABC-2:resolves:branch', 'ABC-3:references:body'])
  })

  test.each([
    'Closes ABC-9',
    'closed ABC-9',
    'This fixes ABC-9.',
    'Fixed: ABC-9',
    'resolves ABC-9',
    'Resolving ABC-9',
    'implements ABC-9',
    'Implemented [ABC-9](https://acme.atlassian.net/browse/ABC-9)',
    'Fixes https://acme.atlassian.net/browse/ABC-9'
  ])('a closing word in any tense resolves: %s', (body) => {
    expect(mentions({ body })).toEqual(['ABC-9:resolves:body'])
  })

  test.each(['Relates to ABC-9', 'refs ABC-9', 'Part of ABC-9', 'See ABC-9', 'related to: ABC-9'])(
    'a referencing word references: %s',
    (body) => {
      expect(mentions({ body })).toEqual(['ABC-9:references:body'])
    }
  )

  test('a referencing word wins even in the title', () => {
    expect(mentions({ title: 'Part of ABC-4: split the service' })).toEqual([
      'ABC-4:references:title'
    ])
  })

  test('a list after a closing word shares its strength; a later sentence does not', () => {
    expect(mentions({ body: 'Fixes ABC-1, ABC-2 and ABC-3. Mentions ABC-4.' })).toEqual([
      'ABC-1:resolves:body',
      'ABC-2:resolves:body',
      'ABC-3:resolves:body',
      'ABC-4:references:body'
    ])
  })

  test('keys far apart do not share a magic word, however blank the text between them', () => {
    // The list glue is not read across more than 40 characters (its test backtracks on long runs
    // of whitespace, in time that grows with their square).
    expect(mentions({ body: `Fixes ABC-1${' '.repeat(64_000)}ABC-2 and ABC-3` })).toEqual([
      'ABC-1:resolves:body',
      'ABC-2:references:body',
      'ABC-3:references:body'
    ])
  })

  test('commits: a closing word resolves, a bare key references', () => {
    expect(mentions({ commits: ['fix: handle null (closes ABC-5)', 'ABC-6 wip'] })).toEqual([
      'ABC-5:resolves:commits',
      'ABC-6:references:commits'
    ])
  })

  test('resolves wins over references, and every source is kept', () => {
    expect(mentions({ title: 'ABC-1 cart', body: 'See ABC-1', commits: ['ABC-1 step'] })).toEqual([
      'ABC-1:resolves:title+body+commits'
    ])
  })

  test('placeholders in HTML comments of a PR template are no mention', () => {
    expect(mentions({ body: '<!-- Closes ABC-123 (replace me) -->\nDone.' })).toEqual([])
    expect(stripHtmlComments('a <!-- b --> c <!-- unclosed')).toBe('a   c  ')
  })

  test('only the configured sources are read', () => {
    const found = findKeyMentions(
      { title: 'ABC-1', branch: 'abc-2', body: 'ABC-3', commits: ['ABC-4'] },
      ['branch']
    )
    expect(found.map((m) => m.key)).toEqual(['ABC-2'])
  })
})
