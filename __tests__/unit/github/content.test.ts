import { api, clone, makeGitHub, openapi, REPO_PATH } from './helpers.js'

// Octokit encodes the slashes of `path`; GitHub accepts that.
const CONFIG = `${REPO_PATH}/contents/.github%2Fgitar-jira.yml`
const TEXT = 'rules:\n  transitions:\n    on-merge: "Done" # ✓\n'

/** GitHub's file answer, with real base64 (the OpenAPI example's is mangled): 60 columns. */
function fileAnswer(text: string) {
  const answer = clone(openapi['content-file-response-if-content-is-a-file'])
  const base64 = Buffer.from(text).toString('base64')
  answer.content = base64.replace(/.{1,60}/g, '$&\n')
  answer.size = Buffer.byteLength(text)
  answer.path = '.github/gitar-jira.yml'
  answer.name = 'gitar-jira.yml'
  return answer
}

describe('getFileText', () => {
  it('reads the file at the given ref and decodes it', async () => {
    const scope = api().get(CONFIG).query({ ref: 'main' }).reply(200, fileAnswer(TEXT))
    const github = await makeGitHub()

    expect(await github.getFileText('.github/gitar-jira.yml', 'main')).toBe(TEXT)
    expect(scope.isDone()).toBe(true)
  })

  it('answers null when the file does not exist (404), without retrying', async () => {
    const scope = api()
      .get(CONFIG)
      .query({ ref: 'main' })
      .reply(404, { message: 'Not Found', status: '404' })
    const github = await makeGitHub()

    expect(await github.getFileText('.github/gitar-jira.yml', 'main')).toBeNull()
    expect(scope.isDone()).toBe(true)
  })

  it('refuses a directory', async () => {
    api()
      .get(`${REPO_PATH}/contents/lib`)
      .query({ ref: 'main' })
      .reply(200, openapi['content-file-response-if-content-is-a-directory'])
    const github = await makeGitHub()

    await expect(github.getFileText('lib', 'main')).rejects.toMatchObject({
      name: 'UserError',
      message: 'Codertocat/Hello-World: lib at main is a directory, not a file.'
    })
  })

  it('refuses a file too large for the contents API', async () => {
    const answer = { ...fileAnswer(''), encoding: 'none', content: '', size: 2_000_000 }
    api().get(CONFIG).query({ ref: 'main' }).reply(200, answer)
    const github = await makeGitHub()

    await expect(github.getFileText('.github/gitar-jira.yml', 'main')).rejects.toThrow(
      'too large to read through the API (2000000 bytes)'
    )
  })

  it('names `contents: read` when GitHub refuses (403)', async () => {
    api()
      .get(CONFIG)
      .query({ ref: 'main' })
      .reply(403, { message: 'Resource not accessible by integration' })
    const github = await makeGitHub()

    await expect(github.getFileText('.github/gitar-jira.yml', 'main')).rejects.toThrow(
      'GET /repos/Codertocat/Hello-World/contents/.github/gitar-jira.yml answered 403 ' +
        '(Resource not accessible by integration); the token needs `contents: read` permission'
    )
  })
})
