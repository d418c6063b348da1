/**
 * Text from users and from Jira lands in the PR comment and the job summary as plain text: a
 * URL in a TODO neither links nor mentions the issue it names, and bidi controls in a TODO or a
 * Jira summary cannot reorder what a reviewer reads. The action's own links still work.
 */
import nock from 'nock'
import {
  JIRA,
  REPO,
  githubReads,
  jiraIssueJson,
  jiraMyself,
  recorder,
  runAction,
  todoPr
} from './harness.js'

const ZWSP = '\u200b'

afterAll(() => nock.restore())

test('a TODO naming a GitHub issue URL and a www. address, and bidi controls: shown as text, in stored order', async () => {
  const { event, files } = todoPr(2, 'ABC-1', 'src/cart.ts')
  files[0].patch =
    '@@ -0,0 +1,2 @@\n' +
    '+// TODO: see https://github.com/acme/shop/issues/4 and www.evil.test/login\n' +
    '+// FIXME: pay \u202eredro eht\u202c now\n'
  const github = githubReads(event.pull_request, { config: null, files })
  const comment = recorder<{ body: string }>()
  github.post(`${REPO}/issues/2/comments`, comment.match).reply(201, {
    id: 99,
    body: 'x',
    html_url: `${event.pull_request.html_url}#issuecomment-99`,
    user: { login: 'github-actions[bot]', type: 'Bot' }
  })
  jiraMyself()
    .post('/rest/api/3/issue/bulkfetch')
    .reply(200, {
      issues: [jiraIssueJson('ABC-1', 'Saved \u2067carts\u2069 for \u200fa week')],
      issueErrors: []
    })
    .post('/rest/api/3/issue/ABC-1/remotelink')
    .reply(201, { id: 1, self: `${JIRA}/rest/api/3/issue/ABC-1/remotelink/1` })

  const result = await runAction('pull_request', event, { 'suggest-reviewers': 'false' })

  expect(result.exitCode).toBe(0)
  const body = comment.sent[0]!.body
  for (const shown of [body, result.summary]) {
    expect(shown).toContain(
      `- see https:/${ZWSP}/github.com/acme/shop/issues/4 and www${ZWSP}.evil.test/login · the TODO at src/cart.ts:1`
    )
    expect(shown).toContain('- pay redro eht now · the FIXME at src/cart.ts:2')
    expect(shown).toContain(`| [ABC-1](${JIRA}/browse/ABC-1) | Saved carts for a week |`)
    expect(shown).not.toContain('https://github.com/acme')
    expect(shown).not.toMatch(/[\u202a-\u202e\u2066-\u2069\u200e\u200f]/)
  }
  nock.cleanAll()
})
