/** input > file > default, the override log lines, and the checks that span keys. */
import { defaultSettings, mergeSettings, parseConfigText } from '../../../src/config/index.js'
import type { MergeArgs } from '../../../src/config/index.js'
import { captureLog, messagesOf, reported } from './helpers.js'

const FILE = '.github/gitar-jira.yml'
const SOURCE = { path: FILE, ref: 'main', found: true }
const lines = (...rows: string[]): string => `${rows.join('\n')}\n`

function merge(yaml: string, inputs: Partial<MergeArgs['inputs']> = {}) {
  return mergeSettings({
    parsed: parseConfigText(yaml, FILE),
    inputs: { rules: {}, ...inputs },
    source: SOURCE
  })
}

let log: ReturnType<typeof captureLog>
beforeEach(() => {
  log = captureLog()
})
afterEach(() => log.restore())

describe('precedence: input > file > default', () => {
  it.each<[string, string, boolean | undefined, boolean]>([
    ['default only', '', undefined, false],
    ['file over default', lines('rules:', '  transitions:', '    enabled: true'), undefined, true],
    ['input over default', '', true, true],
    ['input over file', lines('rules:', '  transitions:', '    enabled: true'), false, false]
  ])('transitions.enabled: %s', (_name, yaml, input, expected) => {
    const rules = input === undefined ? {} : { transitions: input }
    expect(merge(yaml, { rules }).rules.transitions.enabled).toBe(expected)
  })

  it('logs each input that overrides the file or a default', () => {
    const yaml = lines(
      'rules:',
      '  transitions:',
      '    enabled: true',
      '  follow-ups:',
      '    enabled: false'
    )
    const settings = merge(yaml, {
      rules: { transitions: false, 'follow-ups': true, 'auto-link': false }
    })
    expect(log.lines()).toEqual([
      "Input 'auto-link' (false) overrides the built-in default of rules.auto-link.enabled (true).",
      "Input 'transitions' (false) overrides the config file's rules.transitions.enabled (true).",
      "Input 'follow-ups' (true) overrides the config file's rules.follow-ups.enabled (false)."
    ])
    expect(settings.rules.autoLink.enabled).toBe(false)
    expect(settings.rules.transitions.enabled).toBe(false)
    expect(settings.rules.followUps.enabled).toBe(true)
  })

  it('keeps the rest of a rule when an input toggles it', () => {
    const yaml = lines('rules:', '  suggest-reviewers:', '    enabled: false', '    max: 5')
    const { suggestReviewers } = merge(yaml, { rules: { 'suggest-reviewers': true } }).rules
    expect(suggestReviewers).toEqual({ ...defaultSettings().rules.suggestReviewers, max: 5 })
  })

  it('fills the reviewer weights the file leaves out from the defaults', () => {
    const yaml = lines('rules:', '  suggest-reviewers:', '    sources: { assignee: 3 }')
    expect(merge(yaml).rules.suggestReviewers.sources).toEqual({
      watchers: 1,
      reporter: 2,
      assignee: 3
    })
  })

  it('replaces lists rather than appending to them', () => {
    const yaml = lines('rules:', '  follow-ups:', '    keywords: [FIXME]', '    labels: []')
    const { followUps } = merge(yaml).rules
    expect(followUps.keywords).toEqual(['FIXME'])
    expect(followUps.labels).toEqual([])
  })

  it('takes dry-run and fail-on-error from the inputs, defaulting to false and true', () => {
    expect(merge('')).toMatchObject({ dryRun: false, failOnError: true })
    expect(merge('', { dryRun: true, failOnError: false })).toMatchObject({
      dryRun: true,
      failOnError: false
    })
  })

  it('records where the settings came from', () => {
    expect(merge('').source).toEqual(SOURCE)
  })
})

describe('checks across keys', () => {
  it('refuses a suggest-confidence above min-confidence, on the line of the one set', async () => {
    const yaml = lines(
      'rules:',
      '  auto-link:',
      '    min-confidence: 0.6',
      '    suggest-confidence: 0.7'
    )
    expect(await reported(() => merge(yaml))).toEqual([
      {
        message: `${FILE}:4: rules.auto-link.suggest-confidence (0.7) must not be greater than rules.auto-link.min-confidence (0.6)`,
        file: FILE,
        line: 4,
        column: 5
      }
    ])
  })

  it('says which of the two values is the default', async () => {
    const low = lines('rules:', '  auto-link:', '    min-confidence: 0.3')
    expect(await messagesOf(() => merge(low))).toEqual([
      `${FILE}:3: rules.auto-link.suggest-confidence (0.45, the default) must not be greater than rules.auto-link.min-confidence (0.3)`
    ])
    const high = lines('rules:', '  auto-link:', '    suggest-confidence: 0.9')
    expect(await messagesOf(() => merge(high))).toEqual([
      `${FILE}:3: rules.auto-link.suggest-confidence (0.9) must not be greater than rules.auto-link.min-confidence (0.8, the default)`
    ])
  })

  it('accepts equal confidences (no possible matches)', () => {
    const yaml = lines(
      'rules:',
      '  auto-link:',
      '    min-confidence: 0.5',
      '    suggest-confidence: 0.5'
    )
    expect(merge(yaml).rules.autoLink.suggestConfidence).toBe(0.5)
  })

  const noStatus = lines(
    'rules:',
    '  transitions:',
    '    on-open: null',
    '    on-merge: null',
    '    enabled: true'
  )

  it('refuses transitions enabled with no status named', async () => {
    expect(await messagesOf(() => merge(noStatus))).toEqual([
      `${FILE}:5: rules.transitions is enabled but names no status: set on-open, on-merge or on-close`
    ])
  })

  it('says so when the input is what enabled transitions with no status', async () => {
    const yaml = lines('rules:', '  transitions:', '    on-open: null', '    on-merge: null')
    expect(await messagesOf(() => merge(yaml, { rules: { transitions: true } }))).toEqual([
      `${FILE}:2: rules.transitions is enabled by the input 'transitions' but names no status: set on-open, on-merge or on-close`
    ])
  })

  it('does not mind statuses missing while transitions are off', () => {
    expect(merge(noStatus, { rules: { transitions: false } }).rules.transitions.enabled).toBe(false)
  })

  it('refuses a follow-up project outside jira.projects', async () => {
    const yaml = lines('jira:', '  projects: [ABC]', 'rules:', '  follow-ups:', '    project: OPS')
    expect(await messagesOf(() => merge(yaml))).toEqual([
      `${FILE}:5: rules.follow-ups.project (OPS) is not one of jira.projects (ABC)`
    ])
  })

  it('reports every contradiction at once', async () => {
    const yaml = lines(
      'jira:',
      '  projects: [ABC]',
      'rules:',
      '  follow-ups:',
      '    project: OPS',
      '  auto-link:',
      '    suggest-confidence: 0.95'
    )
    expect(await messagesOf(() => merge(yaml))).toEqual([
      `${FILE}:5: rules.follow-ups.project (OPS) is not one of jira.projects (ABC)`,
      `${FILE}:7: rules.auto-link.suggest-confidence (0.95) must not be greater than rules.auto-link.min-confidence (0.8, the default)`
    ])
  })
})
