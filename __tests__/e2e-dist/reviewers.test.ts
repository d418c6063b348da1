/**
 * suggest-reviewers, through dist/index.js, on PR #42 of the acme sandbox (by benok): SHOP-12
 * (reporter Eli, assignee Ben, watchers Eli, Chen, Dana, Fay and an inactive user), SHOP-23 and
 * SHOP-15. Chen and Dana reviewed already, Ben is the author, Fay's email is hidden: Eli
 * (eliromero) and Ana (ana-lima) are left, both found by their public GitHub email.
 */
import type { Sandbox } from '../../sandbox/index.js'
import { readState } from '../../src/report/state.js'
import {
  ACME,
  TIMEOUT,
  botComment,
  eachSandbox,
  expectSuccess,
  parseList,
  pullOf,
  repoOf,
  runPr,
  setConfig
} from './helpers.js'

let sb: Sandbox
eachSandbox((s) => (sb = s))

const REVIEW_REQUESTS = `/repos/${ACME.repo}/pulls/${ACME.pr}/requested_reviewers`

/** The scenario's config file, with `mode` and extra `users` entries. */
function configure(mode: 'comment' | 'request', users: Record<string, string> = {}): void {
  const text = repoOf(sb).files.main!['.github/gitar-jira.yml']!
  const extra = Object.entries(users).map(([key, login]) => `      ${key}: ${login}\n`)
  setConfig(
    sb,
    text
      .replace('    mode: comment\n', `    mode: ${mode}\n`)
      .replace('      u-chen: chenwei\n', `      u-chen: chenwei\n${extra.join('')}`)
  )
}

const requestsTo = (path: string, method = 'POST') =>
  sb.requests.filter((r) => r.method === method && r.path === path)

const occurrences = (text: string, part: string) => text.split(part).length - 1

/** The comment's lines about GitHub accounts: the reviewers section without its headings. */
const reviewerLines = (body: string) =>
  body.split('\n').filter((l) => l.includes('](https://github.com/'))

test(
  'mode comment: the suggestions and why, the people without a login, nothing requested',
  async () => {
    const run = await runPr(sb, ACME.pr, 'opened')
    expectSuccess(run)

    expect(parseList(run.outputs['suggested-reviewers'])).toEqual(['eliromero', 'ana-lima'])
    const { body } = botComment(sb, ACME.pr)
    expect(body).toContain(
      '- [eliromero](https://github.com/eliromero) · Eli Romero: reporter and watcher of SHOP-12, assignee and watcher of SHOP-23, reporter and watcher of SHOP-15 · matched by public email\n'
    )
    // Ana has commits in the repository (acmePlus): her email meets her login there first.
    expect(body).toMatch(
      /^- \[ana-lima\]\(https:\/\/github\.com\/ana-lima\) · Ana Lima: watcher of SHOP-23 · matched by (commit|public) email$/m
    )
    expect(body).toContain('**Watching in Jira, no GitHub account found**')
    expect(body).toContain(
      '- Fay Nakamura (`u-fay`): watcher of SHOP-12 · email hidden in Jira: only the id can name them'
    )
    // The author, the reviewers (chenwei, dana-k) and the inactive user are not suggested.
    for (const name of ['benok', 'chenwei', 'dana-k', 'Former Employee'])
      expect(body).not.toContain(`[${name}]`)
    expect(body).not.toContain('Former Employee')
    expect(body).not.toMatch(/@(eliromero|ana-lima)/)
    expect(run.summary).toContain('**Suggested reviewers**')

    // The lookups: the commit-author email first, then public emails, then the permission.
    const github = sb.requests.filter((r) => r.service === 'github').map((r) => r.path)
    expect(github).toContain(`/repos/${ACME.repo}/commits`)
    expect(github).toContain('/users/eliromero')
    expect(github).toContain(`/repos/${ACME.repo}/collaborators/eliromero/permission`)
    expect(github).toContain(`/repos/${ACME.repo}/collaborators/ana-lima/permission`)
    expect(requestsTo(REVIEW_REQUESTS)).toHaveLength(0)
    expect(pullOf(sb, ACME.pr).requestedReviewers).toEqual([])
    expect(readState(body).requested).toBeUndefined()
  },
  TIMEOUT
)

test(
  'mode request, rerun ×3: one request per reviewer, one comment, each mentioned once',
  async () => {
    configure('request')
    const first = await runPr(sb, ACME.pr, 'opened')
    expectSuccess(first)
    const comment = structuredClone(botComment(sb, ACME.pr))
    expectSuccess(await runPr(sb, ACME.pr, 'synchronize'))
    const last = await runPr(sb, ACME.pr, 'synchronize')
    expectSuccess(last)

    // One login per request, all on the first run.
    expect(requestsTo(REVIEW_REQUESTS).map((r) => r.body)).toEqual([
      { reviewers: ['eliromero'] },
      { reviewers: ['ana-lima'] }
    ])
    expect(pullOf(sb, ACME.pr).requestedReviewers).toEqual(['eliromero', 'ana-lima'])
    expect(parseList(last.outputs['suggested-reviewers'])).toEqual(['eliromero', 'ana-lima'])

    const { body } = botComment(sb, ACME.pr)
    // The "Jira status" block belongs to opening events only; the reviewers section stays as it was.
    expect(reviewerLines(body)).toEqual(reviewerLines(comment.body))
    expect(occurrences(body, '[eliromero](')).toBe(1)
    expect(occurrences(body, '[ana-lima](')).toBe(1)
    expect(body).toMatch(/\[eliromero\].* · review requested\n/)
    expect(readState(body).requested).toEqual(['eliromero', 'ana-lima'])
  },
  TIMEOUT
)

test(
  'a reviewer a human removed from the request is not requested again',
  async () => {
    configure('request')
    expectSuccess(await runPr(sb, ACME.pr, 'opened'))
    // A maintainer removes Eli from the review request in GitHub's UI.
    const pull = pullOf(sb, ACME.pr)
    pull.requestedReviewers = pull.requestedReviewers.filter((l) => l !== 'eliromero')
    const before = requestsTo(REVIEW_REQUESTS).length

    const run = await runPr(sb, ACME.pr, 'synchronize')
    expectSuccess(run)

    expect(requestsTo(REVIEW_REQUESTS)).toHaveLength(before)
    expect(pull.requestedReviewers).toEqual(['ana-lima'])
    expect(parseList(run.outputs['suggested-reviewers'])).toEqual(['ana-lima'])
    const { body } = botComment(sb, ACME.pr)
    expect(body).toContain('Not requested again (someone removed the request): eliromero')
    expect(body).not.toContain('[eliromero](')
    // Still remembered, so the next run does not ask either.
    expect(readState(body).requested).toEqual(['eliromero', 'ana-lima'])
    expectSuccess(await runPr(sb, ACME.pr, 'synchronize'))
    expect(requestsTo(REVIEW_REQUESTS)).toHaveLength(before)
  },
  TIMEOUT
)

test(
  'the users table names hidden emails; a login without access is left out, never requested',
  async () => {
    configure('request', { 'u-fay': 'fay-n' })
    const run = await runPr(sb, ACME.pr, 'opened')
    expectSuccess(run)

    const { body } = botComment(sb, ACME.pr)
    expect(body).toContain('Left out, no access to the repository: fay-n (Fay Nakamura)')
    expect(body).not.toContain('- Fay Nakamura (`u-fay`)')
    expect(requestsTo(REVIEW_REQUESTS).map((r) => r.body)).toEqual([
      { reviewers: ['eliromero'] },
      { reviewers: ['ana-lima'] }
    ])
    expect(run.stdout).not.toMatch(/^::warning.*review/m)
  },
  TIMEOUT
)

test(
  'a draft gets no suggestions; ready_for_review does',
  async () => {
    configure('request')
    pullOf(sb, ACME.pr).draft = true
    const draft = await runPr(sb, ACME.pr, 'opened')
    expectSuccess(draft)
    expect(parseList(draft.outputs['suggested-reviewers'])).toEqual([])
    expect(botComment(sb, ACME.pr).body).not.toContain('Suggested reviewers')

    pullOf(sb, ACME.pr).draft = false
    const ready = await runPr(sb, ACME.pr, 'ready_for_review')
    expectSuccess(ready)
    expect(parseList(ready.outputs['suggested-reviewers'])).toEqual(['eliromero', 'ana-lima'])
    expect(pullOf(sb, ACME.pr).requestedReviewers).toEqual(['eliromero', 'ana-lima'])
  },
  TIMEOUT
)
