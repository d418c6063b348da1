/**
 * Bad input stops the run before anything is written: exit code 1 and exactly one `::error`
 * line that names what to fix.
 */
import type { Sandbox } from '../../sandbox/index.js'
import {
  ACME,
  TIMEOUT,
  eachSandbox,
  commands,
  commentsOn,
  linksTo,
  runPr,
  setConfig,
  writes
} from './helpers.js'

interface Case {
  name: string
  config?: string
  inputs?: Record<string, string>
  /** What the one error must say. */
  says: RegExp[]
}

const CASES: Case[] = [
  {
    name: 'malformed YAML config',
    config: 'jira:\n  projects: [SHOP, OPS\nrules:\n  auto-link:\n    infer: true\n',
    says: [/\.github\/gitar-jira\.yml/, /file=\.github\/gitar-jira\.yml,line=\d+/, /YAML/]
  },
  {
    name: 'unknown key in the config',
    config: 'jira:\n  projects: [SHOP]\nrules:\n  auto-link:\n    infr: true\n',
    says: [/file=\.github\/gitar-jira\.yml,line=5/, /infr/, /infer/]
  },
  {
    name: 'jira-url is not a URL',
    inputs: { 'jira-url': 'acme.atlassian.net/jira' },
    says: [/'jira-url'/, /URL/]
  },
  {
    name: 'half-filled OAuth inputs',
    inputs: {
      'jira-email': '',
      'jira-api-token': '',
      'jira-oauth-client-id': ACME.oauthClientId
    },
    says: [/'jira-oauth-client-secret'/]
  },
  {
    name: 'a wrong Jira API token',
    inputs: { 'jira-api-token': 'sbx-not-the-token' },
    says: [/'jira-api-token'/]
  }
]

let sb: Sandbox
eachSandbox((s) => (sb = s))

test.each(CASES)(
  '$name: exit 1, one error naming the fix, nothing written',
  async ({ config, inputs, says }) => {
    if (config !== undefined) setConfig(sb, config)
    const run = await runPr(sb, ACME.pr, 'opened', inputs ? { inputs } : {})

    expect(run.exitCode).toBe(1)
    const errors = commands(run, 'error')
    expect(errors).toHaveLength(1)
    for (const pattern of says) expect(errors[0]).toMatch(pattern)
    expect(run.stderr).toBe('')
    expect(writes(sb.requests)).toEqual([])
    expect(commentsOn(sb, ACME.pr)).toEqual([])
    expect(linksTo(sb, ACME.pr)).toEqual({})
  },
  TIMEOUT
)
