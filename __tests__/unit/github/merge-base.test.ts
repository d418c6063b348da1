import { api, makeGitHub, REPO_PATH } from './helpers.js'

describe('getMergeBase', () => {
  const BASE = 'a'.repeat(40)
  const HEAD = 'b'.repeat(40)
  const COMPARE = `${REPO_PATH}/compare/${BASE}...${HEAD}`

  it('asks GitHub to compare base...head, one commit of it, and answers its merge base', async () => {
    // The fields of GitHub's comparison the action reads (the rest: commits, files, counts).
    const answer = {
      status: 'diverged',
      ahead_by: 3,
      behind_by: 5,
      base_commit: { sha: BASE },
      merge_base_commit: { sha: 'c'.repeat(40) },
      commits: [{ sha: HEAD }],
      files: []
    }
    const scope = api().get(COMPARE).query({ per_page: '1' }).reply(200, answer)
    const github = await makeGitHub()

    expect(await github.getMergeBase(BASE, HEAD)).toBe('c'.repeat(40))
    expect(scope.isDone()).toBe(true)
  })

  it('answers null when GitHub cannot compare them (a head gone with its fork)', async () => {
    api().get(COMPARE).query(true).reply(404, { message: 'Not Found', status: '404' })
    const github = await makeGitHub()

    expect(await github.getMergeBase(BASE, HEAD)).toBeNull()
  })
})
