/** The GitHub client the action uses, against the sandbox: paging by Link header, errors, GraphQL. */
import { jest } from '@jest/globals'
import { getOctokit } from '@actions/github'
import { ACME } from '../../sandbox/scenarios/acme.js'
import { useSandbox } from './client.js'

const { sandbox } = useSandbox()
const octokit = () => getOctokit(ACME.githubToken, { baseUrl: sandbox().githubUrl })

test('paginate follows the Link header', async () => {
  const files = await octokit().paginate(octokit().rest.pulls.listFiles, {
    owner: 'acme',
    repo: 'shop',
    pull_number: 42,
    per_page: 2
  })
  expect(files.map((f) => f.filename)).toHaveLength(6)
})

test('a 422 arrives as a RequestError with GitHub’s message', async () => {
  await expect(
    octokit().rest.pulls.requestReviewers({
      owner: 'acme',
      repo: 'shop',
      pull_number: 42,
      reviewers: ['outsider']
    })
  ).rejects.toMatchObject({ status: 422, message: expect.stringContaining('collaborators') })
})

test('GraphQL through the client', async () => {
  const result = await octokit().graphql<{
    repository: { pullRequest: { reviewThreads: { totalCount: number } } }
  }>(
    'query($o: String!, $r: String!) { repository(owner: $o, name: $r) { pullRequest(number: 42) { reviewThreads(first: 50) { totalCount } } } }',
    { o: 'acme', r: 'shop' }
  )
  expect(result.repository.pullRequest.reviewThreads.totalCount).toBe(3)
})

test("the action's adapter with a personal token takes its owner's comment, not an outsider's copy of the marker", async () => {
  const { createGitHub } = await import('../../src/github/index.js')
  const repo = sandbox().state.github.repos.find((r) => r.name === 'shop')!
  const at = '2026-01-01T00:00:00Z'
  const comment = (id: number, user: string) => ({
    id,
    issueNumber: 43,
    user,
    body: '<!-- gitar-jira:comment -->',
    createdAt: at,
    updatedAt: at
  })
  repo.issueComments.push(comment(90001, 'outsider'), comment(90002, 'ana-lima'))
  const github = (token: string) =>
    createGitHub({ token, owner: 'acme', repo: 'shop', baseUrl: sandbox().githubUrl })
  const printed: string[] = []
  const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    printed.push(String(chunk))
    return true
  })
  try {
    expect(
      (await github(ACME.secretsToken).findComment(43, '<!-- gitar-jira:comment -->'))?.id
    ).toBe(90002)
    // GITHUB_TOKEN is refused GET /user: neither person's comment can be the bot's own.
    expect(await github(ACME.githubToken).findComment(43, '<!-- gitar-jira:comment -->')).toBeNull()
  } finally {
    write.mockRestore()
  }
  expect(printed.filter((line) => line.startsWith('::notice'))).toEqual([
    expect.stringContaining(
      'Ignored the comment by @outsider (https://github.com/acme/shop/pull/43#issuecomment-90001)'
    ),
    expect.stringContaining(
      'Ignored the comments by @outsider (https://github.com/acme/shop/pull/43#issuecomment-90001), @ana-lima (https://github.com/acme/shop/pull/43#issuecomment-90002): they carry the gitar-jira marker but were written by a person, and GitHub did not say whose this `github-token` is (GET /user answered 403'
    )
  ])
})
