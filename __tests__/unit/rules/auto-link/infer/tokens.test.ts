import {
  splitIdentifier,
  stem,
  tokenize,
  tokenizePath
} from '../../../../../src/rules/auto-link/infer/tokens.js'

const stems = (text: string) => tokenize(text).map((t) => t.stem)

describe('splitIdentifier', () => {
  test.each([
    ['commitLogCount', ['commit', 'Log', 'Count']],
    ['parseHTTPResponse', ['parse', 'HTTP', 'Response']],
    ['XMLHttpRequest', ['XML', 'Http', 'Request']],
    ['sync_limit', ['sync', 'limit']],
    ['SNAP_COUNT', ['SNAP', 'COUNT']],
    ['kebab-case-name', ['kebab', 'case', 'name']],
    ['org.apache.zookeeper.server', ['org', 'apache', 'zookeeper', 'server']],
    ['src/main/FooBar.java', ['src', 'main', 'Foo', 'Bar', 'java']],
    ['log4j', ['log4j']],
    ['ls2', ['ls', '2']]
  ])('%s', (input, words) => {
    expect(splitIdentifier(input)).toEqual(words)
  })
})

describe('tokenize', () => {
  test('stems words, so forms of a word meet', () => {
    expect(stem('connections')).toBe(stem('connection'))
    expect(stems('Leaking connections')).toEqual(stems('leak connection'))
  })

  test('drops English and PR-template stop words, numbers and hashes', () => {
    expect(stems('Fix the bug: update of the PR description, please review')).toEqual([])
    expect(stems('Bump lodash (deadbeef1234) in 2 places')).toEqual(['lodash', 'place'])
  })

  test('keeps a version whole: it names a release exactly', () => {
    expect(stems('Upgrade Lettuce to 2.3.2.')).toEqual(['upgrad', 'lettuc', '2.3.2'])
    expect(stems('Bump lodash from 4.17.20 to v4.17.21')).toEqual(['lodash', '4.17.20', '4.17.21'])
  })

  test('keeps a camelCase or snake_case identifier whole as well as split', () => {
    expect(stems('Specify commitLogCount')).toEqual(['specifi', 'log', 'count', 'commitlogcount'])
    expect(stems('sync_limit')).toEqual(['sync', 'limit', 'synclimit'])
  })

  test('remembers how the PR wrote a word', () => {
    expect(tokenize('Watchers leak').map((t) => t.surface)).toEqual(['Watchers', 'leak'])
  })

  test('folds case and accents', () => {
    expect(stems('Café SERVER')).toEqual(stems('cafe server'))
  })

  test('ignores URLs and HTML comments (PR templates)', () => {
    expect(stems('<!-- Describe your change here --> see https://example.com/quorum')).toEqual([])
  })
})

describe('tokenizePath', () => {
  test("a changed path gives its file name's words, split and whole", () => {
    expect(
      tokenizePath(
        'zookeeper-server/src/main/java/org/apache/zookeeper/server/SyncRequestProcessor.java'
      ).map((t) => t.stem)
    ).toEqual(['sync', 'request', 'processor', 'syncrequestprocessor'])
  })

  test('folders and generic file names say nothing', () => {
    expect(tokenizePath('docs/index.md')).toEqual([])
  })
})
