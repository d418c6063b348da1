/**
 * What a follow-up issue says, as Jira receives it: every description under Jira's 32,767-character
 * limit in both renderings (Cloud's ADF, Data Center's wiki markup), summaries cut between
 * characters, and a thread on a removed line linked where that line is.
 */
import { jest } from '@jest/globals'
import { facts, prEvent, prFacts, settings } from '../../../helpers/facts.js'
import { creates, foundFollowUps, linkedTo, reviewThread } from '../../../helpers/follow-ups.js'
import type { PrFile, ReviewThread } from '../../../../src/github/port.js'
import type { Action } from '../../../../src/plan/actions.js'
import { toAdf } from '../../../../src/richtext/adf.js'
import type { RichDoc } from '../../../../src/richtext/model.js'
import { toWiki } from '../../../../src/richtext/wiki.js'
import { followUps, planFollowUps } from '../../../../src/rules/follow-ups/index.js'
import type { Ports } from '../../../../src/rules/types.js'
import { scanTodos, tracking } from '../../../../src/rules/follow-ups/todos.js'

/** Jira's limit on a description, in UTF-16 code units (what Java counts). */
const JIRA_LIMIT = 32_767
const MERGE_SHA = 'm'.repeat(40)
const BASE_SHA = 'fedcba9876543210fedcba9876543210fedcba98'

const LINKED = linkedTo('ABC-1')
const mergedPr = (more: { files?: PrFile[]; threads?: ReviewThread[] }) =>
  facts({
    event: prEvent({ action: 'closed', merged: true, closed: true }),
    pr: prFacts({ merged: true, state: 'closed', mergeCommitSha: MERGE_SHA }, more),
    linked: LINKED
  })
const found = foundFollowUps

/** The created issues, as the Cloud and the Data Center adapters send them. */
function sent(actions: Action[]) {
  return creates(actions).map((a) => ({
    summary: a.issue.summary,
    adf: JSON.stringify(toAdf(a.issue.description as RichDoc)),
    wiki: toWiki(a.issue.description as RichDoc)
  }))
}

async function mergedWith(patch: string) {
  const files: PrFile[] = [
    { path: 'web/app.js', status: 'modified', additions: 2, deletions: 0, patch }
  ]
  const scan = await scanTodos(files, ['TODO', 'FIXME', 'HACK', 'XXX'])
  return planFollowUps(
    mergedPr({ files }),
    found({ todos: tracking(scan.todos, new Set()) }),
    settings()
  )
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

describe('descriptions stay under Jira’s limit', () => {
  test('a TODO next to a 40,000-character minified line: the line is quoted cut, saying so', async () => {
    const minified = `var a=${'x+1,'.repeat(10_000)}0;`
    const plan = await mergedWith(
      `@@ -1,1 +1,3 @@\n ${minified}\n+// TODO: split the bundle\n+const b = 2\n`
    )
    const [issue] = sent(plan.actions)
    expect(issue!.summary).toBe('split the bundle')
    for (const body of [issue!.adf, issue!.wiki]) {
      expect(body.length).toBeLessThan(JIRA_LIMIT)
      expect(body).toContain('// TODO: split the bundle')
      expect(body).toContain(`var a=x+1,x+1,`)
      expect(body).toMatch(/… \(39,[0-9]{3} more characters cut\)/)
    }
  })

  test('one 40,000-character TODO line: summary, text and quote all cut', async () => {
    const plan = await mergedWith(
      `@@ -1,1 +1,2 @@\n const a = 1\n+// TODO: ${'handle this case '.repeat(2_500)}\n`
    )
    const [issue] = sent(plan.actions)
    expect(issue!.summary.length).toBeLessThanOrEqual(255)
    for (const body of [issue!.adf, issue!.wiki]) {
      expect(body.length).toBeLessThan(JIRA_LIMIT)
      expect(body).toContain('more characters cut)')
    }
  })

  test('a 40,000-character review comment with 50 long replies of backslashes: the latest replies that fit', () => {
    // A backslash is two characters in ADF's JSON: 50 replies of 200 are 20,000 and more.
    const backslashes = '\\'.repeat(40_000)
    const thread = reviewThread('T1', {
      comments: [
        { id: 'c0', author: 'dana', body: backslashes, url: 'https://x/c0', createdAt: '' },
        ...Array.from({ length: 50 }, (_, i) => ({
          id: `c${i + 1}`,
          author: `a-reviewer-with-a-39-character-login-${i % 10}`,
          body: `reply ${i} ${'\\'.repeat(300)}`,
          url: `https://x/c${i + 1}`,
          createdAt: ''
        }))
      ],
      commentCount: 60
    })
    const plan = planFollowUps(mergedPr({ threads: [thread] }), found(), settings())
    const [issue] = sent(plan.actions)
    for (const body of [issue!.adf, issue!.wiki]) {
      expect(body.length).toBeLessThan(JIRA_LIMIT)
      expect(body).toContain('reply 49') // the latest reply is kept
    }
    expect(issue!.adf).toMatch(/The latest \d+ replies \(\d+ earlier ones are only in the thread\)/)
  })
})

describe('summaries cut between characters', () => {
  test('an emoji at the 255th place is left out whole, never halved (no lone surrogate)', async () => {
    const plan = await mergedWith(`@@ -1,1 +1,2 @@\n const a = 1\n+// TODO: x${'😀'.repeat(200)}\n`)
    const [issue] = sent(plan.actions)
    expect(issue!.summary.length).toBeLessThanOrEqual(255)
    expect(issue!.summary).toMatch(/^x(😀)+…$/u)
    expect(issue!.summary).not.toMatch(LONE_SURROGATE)
  })

  test('a family emoji (one character of 11 code units) is not cut in two', async () => {
    const family = '👨‍👩‍👧‍👦'
    const plan = await mergedWith(
      `@@ -1,1 +1,2 @@\n const a = 1\n+// TODO: ${'ab'.repeat(124)}${family.repeat(3)}\n`
    )
    const [issue] = sent(plan.actions)
    expect(issue!.summary).toBe(`${'ab'.repeat(124)}…`)
  })
})

describe('a review thread on the old side of the diff', () => {
  const thread = (over: Partial<ReviewThread>) =>
    reviewThread('T1', { path: 'k/shrink.ts', line: 38, ...over })

  test('a removed line (or a deleted file) links to that line at the base commit', () => {
    const plan = planFollowUps(
      mergedPr({ threads: [thread({ diffSide: 'LEFT' })] }),
      found(),
      settings()
    )
    const [issue] = sent(plan.actions)
    expect(issue!.adf).toContain(`https://github.com/acme/shop/blob/${BASE_SHA}/k/shrink.ts#L38`)
    expect(issue!.adf).not.toContain(MERGE_SHA)
    expect(issue!.wiki).toContain('as it was before the PR')
  })

  test('the base branch moved on since the PR was opened: the line is linked at the merge base', async () => {
    const MERGE_BASE = '0123456789abcdef0123456789abcdef01234567'
    const getMergeBase = jest.fn(async () => MERGE_BASE)
    const ports = {
      jira: {
        searchIssues: jest.fn(async () => []),
        getIssueLinkTypes: jest.fn(async () => [])
      },
      github: { getMergeBase }
    } as unknown as Ports
    const f = mergedPr({ threads: [thread({ diffSide: 'LEFT' })] })
    const plan = followUps.plan(f, await followUps.gather!(ports, f, settings()), settings())
    const [issue] = sent(plan.actions)
    expect(issue!.adf).toContain(`https://github.com/acme/shop/blob/${MERGE_BASE}/k/shrink.ts#L38`)
    expect(getMergeBase).toHaveBeenCalledWith(f.pr.pr.baseSha, f.pr.pr.headSha)

    // Only for a thread on a removed line that gets its issue now: no request otherwise.
    getMergeBase.mockClear()
    const right = mergedPr({ threads: [thread({})] })
    await followUps.gather!(ports, right, settings())
    expect(getMergeBase).not.toHaveBeenCalled()
  })

  test('a line of the PR’s new side links at the merge commit, as before', () => {
    const plan = planFollowUps(mergedPr({ threads: [thread({})] }), found(), settings())
    const [issue] = sent(plan.actions)
    expect(issue!.adf).toContain(`https://github.com/acme/shop/blob/${MERGE_SHA}/k/shrink.ts#L38`)
    expect(issue!.adf).not.toContain('before the PR')
  })
})
