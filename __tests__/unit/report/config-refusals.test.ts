/**
 * Values of the config file only Jira can judge (an issue type, the role a merge summary is
 * restricted to), refused at Jira's HTTP boundary: the run's failure names the key, the file and
 * the line, is annotated on that line, and is a mistake to fix. A project taken from a linked
 * issue is no value of the file, and its refusal is not blamed on it.
 */
import { jest } from '@jest/globals'
import nock from 'nock'
import { connectedJira, SITE } from '../jira/helpers.js'

const { mergeSettings, parseConfigText } = await import('../../../src/config/index.js')
const { applyActions } = await import('../../../src/plan/apply.js')
const { buildReport } = await import('../../../src/report/model.js')
const { failureLines } = await import('../../../src/report/failures.js')
const { EMPTY_STATE } = await import('../../../src/report/state.js')
const { followUps } = await import('../../../src/rules/follow-ups/index.js')
const { mergeSummary } = await import('../../../src/rules/merge-summary/index.js')
const { MEMBER_AUTHOR, jiraIssue, prEvent, prFacts } = await import('../../helpers/facts.js')
type Action = import('../../../src/plan/actions.js').Action
type JiraPort = import('../../../src/jira/port.js').JiraPort

const FILE = '.github/gitar-jira.yml'

afterEach(() => nock.cleanAll())

function settingsOf(yaml: string) {
  return mergeSettings({
    parsed: parseConfigText(yaml, FILE),
    inputs: { rules: {} },
    source: { path: FILE, ref: 'main', found: true }
  })
}

const event = prEvent({ action: 'closed', merged: true, closed: true })
const pr = prFacts(
  { merged: true, state: 'closed', mergeCommitSha: 'f'.repeat(40) },
  {
    files: [
      {
        path: 'src/a.ts',
        status: 'modified',
        additions: 1,
        deletions: 0,
        patch: '@@ -1,1 +1,2 @@\n const a = 1\n+// TODO: keep carts\n'
      }
    ]
  }
)
const linked = [
  {
    issue: jiraIssue('SHOP-12'),
    strength: 'resolves' as const,
    via: 'explicit' as const,
    sources: []
  }
]
const facts = {
  event,
  pr,
  linked,
  author: MEMBER_AUTHOR,
  previous: EMPTY_STATE,
  earlier: { applied: [], followUps: [] }
}

/** The run's failures, as the annotation and the PR comment show them, with their places. */
async function failuresOf(
  actions: Action[],
  jira: JiraPort,
  settings: ReturnType<typeof settingsOf>
) {
  const applied = await applyActions(
    actions,
    { jira, github: { replyToThread: jest.fn() } as never },
    { dryRun: false }
  )
  const report = buildReport({
    event,
    settings,
    pr,
    discovery: { linked, suggestions: [], state: EMPTY_STATE },
    planned: { notes: [], failures: [] },
    applied
  })
  return {
    lines: failureLines(report.failures),
    places: report.failures.map((f) => [f.kind, f.at])
  }
}

/** follow-ups for the TODO of `pr`, with Jira answering the create `errors` (400). */
async function refusedFollowUp(yaml: string, errors: Record<string, string>) {
  const jira = await connectedJira()
  const settings = settingsOf(yaml)
  nock(SITE).get('/rest/api/3/search/jql').query(true).reply(200, { issues: [], isLast: true })
  nock(SITE).get('/rest/api/3/issueLinkType').reply(200, { issueLinkTypes: [] })
  const extra = await followUps.gather!({ jira, github: {} as never }, facts, settings)
  const plan = followUps.plan(facts, extra, settings)
  nock(SITE).post('/rest/api/3/issue').reply(400, { errorMessages: [], errors })
  return failuresOf(plan.actions, jira, settings)
}

test('rules.follow-ups.issue-type Jira does not have: the key, the file and its line', async () => {
  const { lines, places } = await refusedFollowUp('rules:\n  follow-ups:\n    issue-type: Taks\n', {
    issuetype: 'Specify a valid issue type'
  })
  expect(lines).toEqual([
    'follow-ups: rules.follow-ups.issue-type in .github/gitar-jira.yml (line 3): Jira refused its value (POST /rest/api/3/issue: 400 Bad Request - issuetype: Specify a valid issue type) (the TODO at src/a.ts:2)'
  ])
  expect(places).toEqual([['user', { file: FILE, line: 3, column: 5 }]])
})

test('a project taken from the linked issue is not blamed on the file', async () => {
  const { lines, places } = await refusedFollowUp('rules:\n  follow-ups:\n    when: merge\n', {
    project: 'Specify a valid project ID or key'
  })
  expect(lines).toEqual([
    'follow-ups: POST /rest/api/3/issue: 400 Bad Request - project: Specify a valid project ID or key (the TODO at src/a.ts:2)'
  ])
  expect(places).toEqual([['other', undefined]])
})

test('rules.merge-summary.visibility a role the account is not in: the key, the file and its line', async () => {
  const jira = await connectedJira()
  const settings = settingsOf(
    [
      'rules:',
      '  merge-summary:',
      '    visibility:',
      '      type: role',
      '      value: Developpers'
    ].join('\n')
  )
  const plan = mergeSummary.plan(facts, { known: {}, remembered: null }, settings)
  nock(SITE)
    .post('/rest/api/3/issue/SHOP-12/comment')
    .reply(400, {
      errorMessages: [],
      errors: { commentLevel: 'You are currently not a member of the project role: Developpers.' }
    })

  const { lines, places } = await failuresOf(plan.actions, jira, settings)

  expect(lines).toEqual([
    'merge-summary: rules.merge-summary.visibility in .github/gitar-jira.yml (line 3): Jira refused its value (POST /rest/api/3/issue/SHOP-12/comment: 400 Bad Request - commentLevel: You are currently not a member of the project role: Developpers.)'
  ])
  expect(places).toEqual([['user', { file: FILE, line: 3, column: 5 }]])
})
