/** The GitHub client the action uses, against the sandbox: paging by Link header, errors, GraphQL. */
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
