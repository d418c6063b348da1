/**
 * A PR closed without merging, `when: open`: its TODO follow-ups, created while it was open, are
 * each told once that their TODO never reached the base branch; nothing new is created, and the
 * PR comment still lists them.
 */
import { facts, jiraIssue, prEvent, prFacts } from '../../../helpers/facts.js'
import { followUpsConfig, linkedTo, reviewThread } from '../../../helpers/follow-ups.js'
import type { JiraIssue } from '../../../../src/jira/port.js'
import { describeAction, type Action } from '../../../../src/plan/actions.js'
import { adfToText } from '../../../../sandbox/adf.js'
import { toAdf } from '../../../../src/richtext/adf.js'
import { followUps, planFollowUps } from '../../../../src/rules/follow-ups/index.js'
import {
  groupLabel,
  prLabel,
  threadLabel,
  todoLabel
} from '../../../../src/rules/follow-ups/fingerprint.js'
import type { Ports } from '../../../../src/rules/types.js'
import { foundFollowUps } from '../../../helpers/follow-ups.js'

const URL = 'https://github.com/acme/shop/pull/42'
const PR = prLabel(URL)
const todo = (text: string) => todoLabel('acme/shop', 'src/a.ts', text)
const OPEN = followUpsConfig({ when: 'open' })

/** PR #42 closed without merging; src/a.ts still adds `// TODO: cache it` and `// TODO: new one`. */
const closed = (action = 'closed') =>
  facts({
    event: prEvent({ action, closed: true }),
    pr: prFacts(
      { state: 'closed' },
      {
        files: [
          {
            path: 'src/a.ts',
            status: 'modified',
            additions: 2,
            deletions: 0,
            patch: '@@ -1,0 +1,2 @@\n+// TODO: cache it\n+// TODO: new one\n'
          }
        ],
        threads: [reviewThread('T1')]
      }
    ),
    linked: linkedTo('ABC-1')
  })

const followUp = (key: string, summary: string, labels: string[]): JiraIssue =>
  jiraIssue(key, {
    summary,
    details: { description: '', components: [], labels: ['follow-up', PR, ...labels] },
    links: []
  })

/** The PR's follow-ups in Jira: TODOs (one removed by a later push), a group, a thread's. */
const ISSUES = [
  followUp('ABC-5', 'cache it', [todo('cache it')]),
  followUp('ABC-6', 'old text', [todo('old text')]),
  followUp('ABC-7', 'Round shipping too?', [threadLabel('T0')]),
  followUp('ABC-8', 'TODOs of acme/shop#42: a, b', [groupLabel(URL), todo('a'), todo('b')]),
  followUp('ABC-9', 'told already', [todo('told already')])
]

/** A Jira holding ISSUES, ABC-9 told of the close already; records the searches and writes none. */
function jira() {
  const searches: string[] = []
  const notes: Record<string, unknown> = { 'ABC-9': { [`${URL}#closed`]: '300' } }
  const port = {
    searchIssues: async (jql: string) => {
      searches.push(jql)
      return ISSUES
    },
    getIssues: async () => [],
    getIssueLinkTypes: async () => [
      { id: '10003', name: 'Relates', inward: 'relates to', outward: 'relates to' }
    ],
    getIssueProperty: async (key: string, property: string) =>
      property === 'gitar-jira.follow-up' ? (notes[key] ?? null) : null
  }
  return { ports: { jira: port, github: {} } as unknown as Ports, searches }
}

const comments = (actions: Action[]) =>
  actions.flatMap((a) => (a.type === 'jira.upsertComment' ? [a] : []))

async function closeRun(f = closed()) {
  const { ports, searches } = jira()
  const plan = planFollowUps(f, await followUps.gather!(ports, f, OPEN), OPEN)
  return { plan, searches }
}

describe('a PR closed without merging', () => {
  test('`when: open`: the rule runs on the close and on later events; `when: merge`, or TODOs off, it does not', () => {
    const event = (action: string) => prEvent({ action, closed: true })
    expect(followUps.appliesTo(event('closed'), OPEN)).toBe(true)
    expect(followUps.appliesTo(event('edited'), OPEN)).toBe(true)
    expect(followUps.appliesTo(event('closed'), followUpsConfig())).toBe(false)
    expect(
      followUps.appliesTo(event('closed'), followUpsConfig({ when: 'open', todos: false }))
    ).toBe(false)
  })

  test('each TODO follow-up of the PR gets one note, found by one search of the PR label; nothing is created', async () => {
    const { plan, searches } = await closeRun()

    expect(searches).toEqual([`labels = "${PR}" ORDER BY created ASC`])
    // Not the thread's follow-up (ABC-7), not ABC-9, told already; nothing created for the new
    // TODO, no reply in the thread.
    expect(plan.actions.map((a) => [a.type, 'issueKey' in a ? a.issueKey : null])).toEqual([
      ['jira.upsertComment', 'ABC-5'],
      ['jira.upsertComment', 'ABC-6'],
      ['jira.upsertComment', 'ABC-8']
    ])
    expect(comments(plan.actions)[0]).toEqual(
      expect.objectContaining({
        what: 'the note that acme/shop#42 was closed without merging',
        commentId: null,
        index: { property: 'gitar-jira.follow-up', entry: `${URL}#closed`, known: {} }
      })
    )
    // What a dry run lists.
    expect(describeAction(comments(plan.actions)[0]!)).toBe(
      'add the note that acme/shop#42 was closed without merging on ABC-5'
    )
    const [single, , group] = comments(plan.actions).map((c) => toAdf(c.body))
    expect(adfToText(single)).toBe(
      'acme/shop#42 was closed without being merged, so the TODO this issue follows up ("cache it") never reached main. Close this issue if the work is not needed; gitar-jira does not close or change it.'
    )
    expect(JSON.stringify(single)).toContain(`"href":"${URL}"`)
    expect(adfToText(group)).toContain('so the 2 TODOs this issue lists never reached main.')
  })

  test('the PR comment still lists the follow-ups; nothing is said to wait for the merge', async () => {
    const { plan } = await closeRun()
    expect(plan.followUps.found.map((f) => [f.what, f.key])).toEqual([
      ['the TODO at src/a.ts:1', 'ABC-5']
    ])
    expect(plan.followUps.pending).toEqual([])
    expect(plan.notes).toEqual([])
  })

  test('a later event on the closed PR (an edit): the notes already there are not written again', async () => {
    const told = {
      key: 'ABC-5',
      url: 'u',
      summary: 'cache it',
      labels: [todo('cache it')],
      notes: { [`${URL}#closed`]: '301' }
    }
    const plan = planFollowUps(closed('edited'), foundFollowUps({ ofPr: [told] }), OPEN)
    expect(plan.actions).toEqual([])
  })

  test('reopened and merged: the "gone" note is its own entry, the closed note is not repeated', () => {
    const merged = facts({
      event: prEvent({ action: 'closed', merged: true, closed: true }),
      pr: prFacts({ merged: true, state: 'closed', mergeCommitSha: 'm'.repeat(40) }),
      linked: linkedTo('ABC-1')
    })
    const ofPr = [
      { key: 'ABC-6', url: 'u', summary: 'old text', labels: [todo('old text')] },
      { key: 'ABC-5', url: 'u', summary: 'gone too', labels: [todo('gone too')] }
    ].map((f) => ({ ...f, notes: { [`${URL}#closed`]: '301' } }))
    const plan = planFollowUps(merged, foundFollowUps({ ofPr }), OPEN)
    expect(comments(plan.actions).map((c) => [c.issueKey, c.index.entry])).toEqual([
      ['ABC-6', URL],
      ['ABC-5', URL]
    ])
  })
})
