/**
 * loadSettings as main.ts calls it: the file read at the base branch through the GitHub port,
 * then validated and merged. Fixtures in __tests__/fixtures/configs.
 */
import { jest } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { defaultSettings, loadSettings, type Settings } from '../../../src/config/index.js'
import type { Inputs } from '../../../src/inputs.js'
import { captureLog, reported } from './helpers.js'

const FILE = '.github/gitar-jira.yml'

const fixture = (name: string): string =>
  readFileSync(new URL(`../../fixtures/configs/${name}`, import.meta.url), 'utf8')

function inputs(overrides: Partial<Inputs> = {}): Inputs {
  return {
    githubToken: 'ghs_test',
    jiraOauthRefreshTokenSecret: 'JIRA_OAUTH_REFRESH_TOKEN',
    rules: {},
    configPath: FILE,
    ...overrides
  }
}

/** A GitHub port that holds `files` (path -> text) at the ref `main`. */
function repo(files: Record<string, string>) {
  return jest.fn(async (path: string, ref: string) =>
    ref === 'main' ? (files[path] ?? null) : null
  )
}

let log: ReturnType<typeof captureLog>
beforeEach(() => {
  log = captureLog()
})
afterEach(() => log.restore())

describe('loadSettings', () => {
  it('reads the config path at the given ref and says where the config came from', async () => {
    const readFile = repo({ [FILE]: fixture('custom.yml') })
    const settings = await loadSettings({ inputs: inputs(), readFile, ref: 'main' })
    expect(readFile).toHaveBeenCalledWith(FILE, 'main')
    expect(settings.source).toEqual({
      path: FILE,
      ref: 'main',
      found: true,
      at: expect.any(Object)
    })
    expect(log.lines()).toEqual([`Config read from ${FILE} at main.`])
  })

  it('keeps where the file writes the values only Jira can judge, for the errors its refusals become', async () => {
    const text = [
      'jira:',
      '  projects:',
      '    - SHOP',
      '    - SHPO',
      'rules:',
      '  follow-ups:',
      '    issue-type: Taks',
      '  merge-summary:',
      '    visibility: { type: role, value: Developpers }'
    ].join('\n')
    const settings = await loadSettings({
      inputs: inputs(),
      readFile: repo({ [FILE]: text }),
      ref: 'main'
    })
    expect(settings.source.at).toEqual({
      'jira.projects': { line: 2, column: 3 },
      'jira.projects[0]': { line: 3, column: 7 },
      'jira.projects[1]': { line: 4, column: 7 },
      'rules.follow-ups.issue-type': { line: 7, column: 5 },
      'rules.merge-summary.visibility': { line: 9, column: 5 }
    })
  })

  it('uses the built-in defaults when there is no config file, and says so', async () => {
    const settings = await loadSettings({ inputs: inputs(), readFile: repo({}), ref: 'main' })
    expect(settings).toEqual(defaultSettings({ path: FILE, ref: 'main', found: false }))
    expect(log.lines()).toEqual([
      `No config file at ${FILE} on main: using the built-in defaults. If the file is there, 'github-token' cannot see this repository.`
    ])
  })

  it('warns when a config-path that was chosen is missing', async () => {
    const configPath = '.github/jira.yml'
    const settings = await loadSettings({
      inputs: inputs({ configPath }),
      readFile: repo({}),
      ref: 'main'
    })
    expect(settings.source.found).toBe(false)
    expect(log.lines()).toEqual([
      `::warning title=Config file not found::No config file at ${configPath} on main: using the built-in defaults. Check the input 'config-path'. If the file is there, 'github-token' cannot see this repository.`
    ])
  })

  it('treats an empty file like no settings at all', async () => {
    const settings = await loadSettings({
      inputs: inputs(),
      readFile: repo({ [FILE]: '' }),
      ref: 'main'
    })
    expect(settings).toEqual(defaultSettings({ path: FILE, ref: 'main', found: true }))
  })

  it('merges a partial file over the defaults', async () => {
    const readFile = repo({ [FILE]: fixture('custom.yml') })
    const settings = await loadSettings({ inputs: inputs(), readFile, ref: 'main' })
    const expected: Settings = defaultSettings({ path: FILE, ref: 'main', found: true })
    expected.jira.projects = ['ABC', 'OPS']
    Object.assign(expected.rules.autoLink, {
      sources: ['title', 'branch'],
      minConfidence: 0.9,
      candidateJql: null
    })
    Object.assign(expected.rules.transitions, {
      enabled: true,
      onOpen: 'In Progress',
      onMerge: 'Ready for QA'
    })
    expected.rules.mergeSummary.visibility = { type: 'role', value: 'Developers' }
    Object.assign(expected.rules.suggestReviewers, {
      mode: 'request',
      max: 2,
      sources: { watchers: 0, reporter: 2, assignee: 1 },
      users: { '5b10ac8d82e05b22cc7d4ef5': 'octo-cat' }
    })
    Object.assign(expected.rules.followUps, {
      when: 'open',
      grouping: 'pr',
      project: 'OPS',
      labels: []
    })
    expected.source.at = expect.any(Object)
    expect(settings).toEqual(expected)
  })

  it('reports a YAML syntax error on its line', async () => {
    const readFile = repo({ [FILE]: fixture('yaml-syntax-error.yml') })
    expect(await reported(() => loadSettings({ inputs: inputs(), readFile, ref: 'main' }))).toEqual(
      [
        {
          message: `${FILE}:4: YAML syntax error: Tabs are not allowed as indentation`,
          file: FILE,
          line: 4,
          column: 1
        },
        {
          message: `${FILE}:7: YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ]`,
          file: FILE,
          line: 7,
          column: 1
        }
      ]
    )
  })

  it('reports every schema error at once, each on its line', async () => {
    const readFile = repo({ [FILE]: fixture('schema-error.yml') })
    const errors = await reported(() => loadSettings({ inputs: inputs(), readFile, ref: 'main' }))
    expect(errors.map(({ message }) => message)).toEqual([
      `${FILE}:2: jira.projects[1] must be a Jira project key (uppercase letters, digits and underscores, starting with a letter), got "ops"`,
      `${FILE}:5: rules.auto-link.min-confidence must be a number between 0 and 1, got "high"`,
      `${FILE}:6: rules.auto-link.suggest-confidance is not a known key: did you mean suggest-confidence?`,
      `${FILE}:8: rules.suggest-reviewers.mode must be comment or request, got "requests" (did you mean request?)`,
      `${FILE}:9: rules.suggest-reviewers.max must be a whole number of 1 or more, got 0`,
      `${FILE}:11: rules.follow-ups.keywords must be a list of at least one keyword, got an empty list`,
      `${FILE}:13: rules.merge-summary.visibility must be null or a mapping { type: role | group, value: <name> }, got "Developers"`
    ])
    expect(errors.every((error) => error.file === FILE)).toBe(true)
  })

  it('warns about what YAML only warns about, on its line, and goes on', async () => {
    const yaml = 'rules:\n  follow-ups:\n    issue-type: !story Task\n'
    const settings = await loadSettings({
      inputs: inputs(),
      readFile: repo({ [FILE]: yaml }),
      ref: 'main'
    })
    expect(settings.rules.followUps.issueType).toBe('Task')
    expect(log.lines()).toEqual([
      `Config read from ${FILE} at main.`,
      `::warning title=gitar-jira config,file=${FILE},line=3,col=17::${FILE}:3: Unresolved tag: !story`
    ])
  })

  it('lets a read failure through unchanged', async () => {
    const failure = new Error('GitHub said 500')
    const readFile = jest.fn(async () => {
      throw failure
    })
    await expect(loadSettings({ inputs: inputs(), readFile, ref: 'main' })).rejects.toBe(failure)
  })
})

describe('defaults', () => {
  it("are the values of PRODUCT.md's example config (but its projects and users)", async () => {
    const readFile = repo({ [FILE]: fixture('full.yml') })
    const settings = await loadSettings({ inputs: inputs(), readFile, ref: 'main' })
    const expected = defaultSettings({ path: FILE, ref: 'main', found: true })
    expected.jira.projects = ['ABC', 'OPS']
    expected.rules.suggestReviewers.users = { 'jane@example.com': 'janedoe' }
    expected.source.at = expect.any(Object)
    expect(settings).toEqual(expected)
  })

  it('turn every rule on but transitions, which names In Review and Done', () => {
    const { rules, dryRun, failOnError } = defaultSettings()
    expect(Object.values(rules).map((rule) => rule.enabled)).toEqual([
      true,
      false,
      true,
      true,
      true
    ])
    expect(rules.transitions).toEqual({
      enabled: false,
      onOpen: 'In Review',
      onMerge: 'Done',
      onClose: null
    })
    expect({ dryRun, failOnError }).toEqual({ dryRun: false, failOnError: true })
  })

  it('are a fresh copy each time', () => {
    defaultSettings().rules.followUps.keywords.push('NOTE')
    expect(defaultSettings().rules.followUps.keywords).toEqual(['TODO', 'FIXME', 'HACK', 'XXX'])
  })
})
