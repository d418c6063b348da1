/**
 * The schema of .github/gitar-jira.yml, one row per case: the YAML a user writes and exactly what
 * they are told, file and line included.
 */
import { parseConfigText } from '../../../src/config/index.js'
import { messagesOf, reported } from './helpers.js'

const FILE = '.github/gitar-jira.yml'
const parse = (yaml: string) => parseConfigText(yaml, FILE)
const lines = (...rows: string[]): string => `${rows.join('\n')}\n`

describe('valid config files', () => {
  it.each<[string, string, unknown]>([
    ['an empty file', '', {}],
    ['comments only', lines('# rules:', '#   auto-link:'), {}],
    ['an empty document marker', lines('---'), {}],
    [
      'a section whose keys are all commented out',
      lines('rules:', '  auto-link:', '    # infer: false'),
      { rules: { autoLink: {} } }
    ],
    [
      'kebab-case keys become camelCase',
      lines('rules:', '  auto-link:', '    min-confidence: 0.9', '    infer-resolves: true'),
      { rules: { autoLink: { minConfidence: 0.9, inferResolves: true } } }
    ],
    [
      'confidence bounds are inclusive',
      lines('rules:', '  auto-link:', '    min-confidence: 1', '    suggest-confidence: 0'),
      { rules: { autoLink: { minConfidence: 1, suggestConfidence: 0 } } }
    ],
    [
      'null statuses and a null candidate-jql',
      lines(
        'rules:',
        '  transitions:',
        '    on-merge: null',
        '  auto-link:',
        '    candidate-jql: ~'
      ),
      { rules: { transitions: { onMerge: null }, autoLink: { candidateJql: null } } }
    ],
    [
      'a candidate-jql with parentheses inside quoted strings and nested conditions',
      lines(
        'rules:',
        '  auto-link:',
        `    candidate-jql: 'status != "Review (old" AND (labels in (a, b) OR summary ~ ")")'`
      ),
      {
        rules: {
          autoLink: {
            candidateJql: 'status != "Review (old" AND (labels in (a, b) OR summary ~ ")")'
          }
        }
      }
    ],
    [
      'status names are trimmed',
      lines('rules:', '  transitions:', '    on-open: " In Review "'),
      { rules: { transitions: { onOpen: 'In Review' } } }
    ],
    [
      'a visibility role',
      lines('rules:', '  merge-summary:', '    visibility: { type: group, value: jira-devs }'),
      { rules: { mergeSummary: { visibility: { type: 'group', value: 'jira-devs' } } } }
    ],
    [
      'project keys with digits and underscores',
      lines('jira:', '  projects: [ABC, OPS2, A_B]'),
      { jira: { projects: ['ABC', 'OPS2', 'A_B'] } }
    ],
    [
      'users keyed by email and accountId',
      lines(
        'rules:',
        '  suggest-reviewers:',
        '    users:',
        '      jane@example.com: janedoe',
        "      '557058:f581-b67d': octo-cat-2"
      ),
      {
        rules: {
          suggestReviewers: {
            users: { 'jane@example.com': 'janedoe', '557058:f581-b67d': 'octo-cat-2' }
          }
        }
      }
    ],
    [
      'empty users and labels',
      lines('rules:', '  suggest-reviewers:', '    users:', '  follow-ups:', '    labels:'),
      { rules: { suggestReviewers: { users: {} }, followUps: { labels: [] } } }
    ],
    [
      'partial reviewer weights',
      lines('rules:', '  suggest-reviewers:', '    sources: { reporter: 0 }'),
      { rules: { suggestReviewers: { sources: { reporter: 0 } } } }
    ],
    [
      'YAML anchors and aliases',
      lines('rules:', '  follow-ups:', '    labels: &words [debt, later]', '    keywords: *words'),
      { rules: { followUps: { labels: ['debt', 'later'], keywords: ['debt', 'later'] } } }
    ]
  ])('%s', (_name, yaml, expected) => {
    expect(parse(yaml).config).toEqual(expected)
  })
})

describe('invalid config files', () => {
  it.each<[string, string, string[]]>([
    [
      'a word where a confidence goes',
      lines('rules:', '  auto-link:', '    enabled: true', '    min-confidence: high'),
      [`${FILE}:4: rules.auto-link.min-confidence must be a number between 0 and 1, got "high"`]
    ],
    [
      'a percentage where a confidence goes',
      lines('rules:', '  auto-link:', '    suggest-confidence: 45'),
      [`${FILE}:3: rules.auto-link.suggest-confidence must be a number between 0 and 1, got 45`]
    ],
    [
      'a quoted number',
      lines('rules:', '  auto-link:', '    min-confidence: "0.8"'),
      [`${FILE}:3: rules.auto-link.min-confidence must be a number between 0 and 1, got "0.8"`]
    ],
    [
      'an empty value',
      lines('rules:', '  auto-link:', '    min-confidence:'),
      [`${FILE}:3: rules.auto-link.min-confidence must be a number between 0 and 1, got null`]
    ],
    [
      'a candidate-jql that closes the parentheses it is put in',
      lines(
        'jira:',
        '  projects: [SHOP]',
        'rules:',
        '  auto-link:',
        '    candidate-jql: "statusCategory != Done) OR (project = OPS"'
      ),
      [
        `${FILE}:5: rules.auto-link.candidate-jql must be one JQL condition, its parentheses and quotes closed (gitar-jira adds it as "AND (…)"): the ")" at character 23 closes a parenthesis that was never opened, got "statusCategory != Done) OR (project = OPS"`
      ]
    ],
    [
      'a candidate-jql with a parenthesis left open',
      lines('rules:', '  auto-link:', '    candidate-jql: "(labels = a OR labels = b"'),
      [
        `${FILE}:3: rules.auto-link.candidate-jql must be one JQL condition, its parentheses and quotes closed (gitar-jira adds it as "AND (…)"): the "(" at character 1 is never closed, got "(labels = a OR labels = b"`
      ]
    ],
    [
      'a candidate-jql with a quoted string left open',
      lines('rules:', '  auto-link:', `    candidate-jql: 'summary ~ "cart) OR (x = y'`),
      [
        `${FILE}:3: rules.auto-link.candidate-jql must be one JQL condition, its parentheses and quotes closed (gitar-jira adds it as "AND (…)"): the " at character 11 opens a quoted string that is never closed, got "summary ~ \\"cart) OR (x = y"`
      ]
    ],
    [
      'a misspelt key',
      lines('rules:', '  auto-link:', '    min-confidance: 0.9'),
      [`${FILE}:3: rules.auto-link.min-confidance is not a known key: did you mean min-confidence?`]
    ],
    [
      'a camelCase key',
      lines('rules:', '  follow-ups:', '    issueType: Bug'),
      [`${FILE}:3: rules.follow-ups.issueType is not a known key: did you mean issue-type?`]
    ],
    [
      'a misspelt rule',
      lines('rules:', '  auto_link:', '    enabled: false'),
      [`${FILE}:2: rules.auto_link is not a known key: did you mean auto-link?`]
    ],
    [
      'a misspelt top-level key',
      lines('rule:', '  auto-link: {}'),
      [`${FILE}:1: rule is not a known key: did you mean rules?`]
    ],
    [
      'an unknown key nothing like a real one',
      lines('jira:', '  projects: [ABC]', 'labels: [x]'),
      [`${FILE}:3: labels is not a known key: the keys here are jira, rules`]
    ],
    [
      'an unknown key in a flow mapping',
      lines('rules:', '  suggest-reviewers:', '    sources: { watchers: 1, team: 2 }'),
      [
        `${FILE}:3: rules.suggest-reviewers.sources.team is not a known key: the keys here are watchers, reporter, assignee`
      ]
    ],
    [
      'a YAML 1.1 boolean',
      lines('rules:', '  transitions:', '    enabled: yes'),
      [`${FILE}:3: rules.transitions.enabled must be true or false, got "yes"`]
    ],
    [
      'a rule set to a boolean',
      lines('rules:', '  merge-summary: false'),
      [`${FILE}:2: rules.merge-summary must be a mapping of merge-summary settings, got false`]
    ],
    [
      'a mode that is almost right',
      lines('rules:', '  suggest-reviewers:', '    mode: requests'),
      [
        `${FILE}:3: rules.suggest-reviewers.mode must be comment or request, got "requests" (did you mean request?)`
      ]
    ],
    [
      'a bad when and grouping',
      lines('rules:', '  follow-ups:', '    when: later', '    grouping: file'),
      [
        `${FILE}:3: rules.follow-ups.when must be merge or open, got "later"`,
        `${FILE}:4: rules.follow-ups.grouping must be todo or pr, got "file"`
      ]
    ],
    [
      'max of zero',
      lines('rules:', '  suggest-reviewers:', '    max: 0'),
      [`${FILE}:3: rules.suggest-reviewers.max must be a whole number of 1 or more, got 0`]
    ],
    [
      'max as a fraction',
      lines('rules:', '  suggest-reviewers:', '    max: 2.5'),
      [`${FILE}:3: rules.suggest-reviewers.max must be a whole number of 1 or more, got 2.5`]
    ],
    [
      'a negative weight',
      lines('rules:', '  suggest-reviewers:', '    sources:', '      watchers: -1'),
      [`${FILE}:4: rules.suggest-reviewers.sources.watchers must be a number of 0 or more, got -1`]
    ],
    [
      'visibility as a bare name',
      lines('rules:', '  merge-summary:', '    visibility: Developers'),
      [
        `${FILE}:3: rules.merge-summary.visibility must be null or a mapping { type: role | group, value: <name> }, got "Developers"`
      ]
    ],
    [
      'visibility of an unknown type and no value',
      lines('rules:', '  merge-summary:', '    visibility:', '      type: team'),
      [
        `${FILE}:3: rules.merge-summary.visibility.value is missing: the name of the role or group`,
        `${FILE}:4: rules.merge-summary.visibility.type must be role or group, got "team"`
      ]
    ],
    [
      'a lowercase project key',
      lines('jira:', '  projects:', '    - ABC', '    - ops'),
      [
        `${FILE}:4: jira.projects[1] must be a Jira project key (uppercase letters, digits and underscores, starting with a letter), got "ops"`
      ]
    ],
    [
      'an empty list of projects (it would drop every key a PR names)',
      lines('jira:', '  projects: []'),
      [
        `${FILE}:2: jira.projects must name at least one project (or be null for all projects), got an empty list`
      ]
    ],
    [
      'projects as one string',
      lines('jira:', '  projects: ABC'),
      [`${FILE}:2: jira.projects must be a list of Jira project keys, got "ABC"`]
    ],
    [
      'a follow-up project key with a dash',
      lines('rules:', '  follow-ups:', '    project: OPS-1'),
      [
        `${FILE}:3: rules.follow-ups.project must be a Jira project key (uppercase letters, digits and underscores, starting with a letter), got "OPS-1"`
      ]
    ],
    [
      'a GitHub login with an @',
      lines('rules:', '  suggest-reviewers:', '    users:', '      jane@example.com: "@janedoe"'),
      [
        `${FILE}:4: rules.suggest-reviewers.users["jane@example.com"] must be a GitHub login (letters, digits and single hyphens, at most 39 characters, no @), got "@janedoe"`
      ]
    ],
    [
      'an empty user key',
      lines('rules:', '  suggest-reviewers:', '    users:', '      "": janedoe'),
      [
        `${FILE}:4: rules.suggest-reviewers.users has an empty key: keys are Jira emails, accountIds, usernames or user keys`
      ]
    ],
    [
      'users as a list',
      lines('rules:', '  suggest-reviewers:', '    users: [janedoe]'),
      [
        `${FILE}:3: rules.suggest-reviewers.users must be a mapping of Jira email, accountId or username to GitHub login, got a list`
      ]
    ],
    [
      'no keywords',
      lines('rules:', '  follow-ups:', '    keywords: []'),
      [
        `${FILE}:3: rules.follow-ups.keywords must be a list of at least one keyword, got an empty list`
      ]
    ],
    [
      'an empty keyword',
      lines('rules:', '  follow-ups:', '    keywords: [TODO, "  "]'),
      [`${FILE}:3: rules.follow-ups.keywords[1] must be a non-empty keyword, got "  "`]
    ],
    [
      'a keyword across lines',
      lines('rules:', '  follow-ups:', '    keywords: [TODO, "C++", "TO\\nDO"]'),
      [`${FILE}:3: rules.follow-ups.keywords[2] must be a one-line keyword, got "TO\\nDO"`]
    ],
    [
      'a label with a space',
      lines('rules:', '  follow-ups:', '    labels:', '      - follow-up', '      - tech debt'),
      [`${FILE}:5: rules.follow-ups.labels[1] must be a label without spaces, got "tech debt"`]
    ],
    [
      'an unknown key source',
      lines('rules:', '  auto-link:', '    sources: [title, pr-body]'),
      [
        `${FILE}:3: rules.auto-link.sources[1] must be title, branch, body or commits, got "pr-body" (did you mean body?)`
      ]
    ],
    [
      'an empty status name',
      lines('rules:', '  transitions:', '    on-open: ""', '    on-merge: 3'),
      [
        `${FILE}:3: rules.transitions.on-open must be a Jira status name or null, got ""`,
        `${FILE}:4: rules.transitions.on-merge must be a Jira status name or null, got 3`
      ]
    ],
    [
      'an empty candidate-jql',
      lines('rules:', '  auto-link:', "    candidate-jql: ''"),
      [`${FILE}:3: rules.auto-link.candidate-jql must be a JQL query or null, got ""`]
    ],
    [
      'a list instead of a mapping',
      lines('- auto-link', '- transitions'),
      [`${FILE}:1: the file must be a mapping with the keys jira and rules, got a list`]
    ],
    [
      'a long string is cut short',
      lines('rules:', `  follow-ups: ${'x'.repeat(80)}`),
      [
        `${FILE}:2: rules.follow-ups must be a mapping of follow-ups settings, got "${'x'.repeat(57)}..."`
      ]
    ],
    [
      'a duplicate key',
      lines('rules:', '  auto-link:', '    infer: true', '    infer: false'),
      [`${FILE}:4: YAML syntax error: Map keys must be unique`]
    ],
    [
      'a string whose closing quote is missing: the line it opens on, not the end of the file',
      lines(
        'rules:',
        '  transitions:',
        '    on-open: "In Review',
        '    on-merge: Done',
        '  merge-summary:',
        '    enabled: true'
      ),
      [`${FILE}:3: YAML syntax error: Missing closing "quote`]
    ],
    [
      "the same with a single quote (a doubled '' inside is one quote)",
      lines('rules:', '  transitions:', "    on-open: 'Won''t do", '  merge-summary: {}'),
      [`${FILE}:3: YAML syntax error: Missing closing 'quote`]
    ],
    [
      'a tab as indentation',
      lines('rules:', '\tauto-link: {}'),
      [`${FILE}:2: YAML syntax error: Tabs are not allowed as indentation`]
    ],
    [
      'two documents',
      lines('rules: {}', '---', 'jira: {}'),
      [
        `${FILE}:2: YAML syntax error: the file must hold one document, but a second one starts here`
      ]
    ],
    [
      'an alias to nothing',
      lines('jira: {}', 'rules: *missing'),
      [`${FILE}:2: YAML error: Unresolved alias (the anchor must be set before the alias): missing`]
    ]
  ])('%s', async (_name, yaml, expected) => {
    expect(await messagesOf(() => parse(yaml))).toEqual(expected)
  })

  it('places each error on its file, line and column, in the order of the file', async () => {
    const yaml = lines(
      'rules:',
      '  follow-ups:',
      '    when: later',
      '  auto-link:',
      '      infer: maybe'
    )
    expect(await reported(() => parse(yaml))).toEqual([
      {
        message: `${FILE}:3: rules.follow-ups.when must be merge or open, got "later"`,
        file: FILE,
        line: 3,
        column: 5
      },
      {
        message: `${FILE}:5: rules.auto-link.infer must be true or false, got "maybe"`,
        file: FILE,
        line: 5,
        column: 7
      }
    ])
  })
})

describe('a large config file', () => {
  /** A users table of `n` people, its last entry `extra` when given. */
  const users = (n: number, extra?: string) =>
    lines(
      'rules:',
      '  suggest-reviewers:',
      '    users:',
      ...Array.from({ length: n }, (_, i) => `      person${i}@example.com: login${i}`),
      ...(extra ? [extra] : [])
    )

  it('over 512 KiB is refused before it is parsed, naming the file, its size and the limit', async () => {
    const yaml = users(14_000)
    expect(await reported(() => parse(yaml))).toEqual([
      {
        message: `${FILE}: the file is ${Buffer.byteLength(yaml)} bytes, over the 512 KiB a config file may have. Its largest part is usually rules.suggest-reviewers.users: it needs only the people whose Jira email GitHub does not know.`,
        file: FILE,
        line: undefined,
        column: undefined
      }
    ])
  })

  // How long it takes is a figure of `npm run bench` (bench/config-parse.ts), not asserted here.
  it('just under the limit is read whole', () => {
    const yaml = users(11_000)
    expect(Buffer.byteLength(yaml)).toBeLessThan(512 * 1024)
    const parsed = parse(yaml)
    expect(Object.keys(parsed.config.rules?.suggestReviewers?.users ?? {})).toHaveLength(11_000)
  })

  it('a key it repeats is still an error on the line of the repeat', async () => {
    const yaml = users(5_000, '      person17@example.com: someone-else')
    expect(await messagesOf(() => parse(yaml))).toEqual([
      `${FILE}:5004: YAML syntax error: Map keys must be unique`
    ])
  })
})
