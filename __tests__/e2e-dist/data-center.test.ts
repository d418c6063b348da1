/**
 * dist/index.js against the sandbox in Data Center mode (REST v2, wiki markup, Bearer PAT): PR #42
 * opened then merged with `jira-url` + `jira-api-token` (a PAT, no email) → the flavour is read
 * from serverInfo, the explicit keys get remote links, SHOP-12 moves, every linked issue gets one
 * merge summary written as wiki markup, and a rerun changes nothing (not even a comment's edit
 * date: Data Center has no notifyUsers, so an unchanged summary is not rewritten).
 */
import type { Sandbox } from '../../sandbox/index.js'
import {
  ACME,
  TIMEOUT,
  eachSandbox,
  expectRestV2,
  expectSuccess,
  globalId,
  issueOf,
  jiraRequests,
  linksTo,
  outcome,
  prUrl,
  runPr,
  writes
} from './helpers.js'
import { PR42_LINKED, SUMMARY_PROPERTY, expectPr42Statuses } from './stories.js'

const LINKED = PR42_LINKED
const PROPERTY = SUMMARY_PROPERTY

let sb: Sandbox
eachSandbox((s) => (sb = s), { flavour: 'data-center' })

// In Data Center mode the sandbox's inputs are `jira-url` and a PAT alone (sandboxInputs).
const run = (action: string) => runPr(sb, ACME.pr, action)

/** The summary comments on `key`: wiki-markup strings linking the PR (`[text|url]`). */
function summaries(key: string) {
  return issueOf(sb, key).comments.filter(
    (c) => typeof c.body === 'string' && c.body.includes(`|${prUrl(ACME.pr)}]`)
  )
}

test(
  'opened then merged over REST v2: links, SHOP-12 Done, one wiki-markup summary each; a rerun changes nothing',
  async () => {
    const opened = await run('opened')
    expectSuccess(opened)
    expect(opened.stdout).toContain(
      'Jira flavour: Data Center (serverInfo says deploymentType DataCenter)'
    )
    expect(issueOf(sb, 'SHOP-12').status).toBe('In Review')
    expect(linksTo(sb, ACME.pr)).toEqual(Object.fromEntries(LINKED.map((k) => [k, 1])))
    expect(issueOf(sb, 'SHOP-12').remoteLinks[0]!.globalId).toBe(globalId(ACME.pr))

    sb.mergePullRequest(ACME.repo, ACME.pr, 'ana-lima')
    expectSuccess(await run('closed'))
    expectPr42Statuses(sb)

    for (const key of LINKED) {
      const [comment, ...more] = summaries(key)
      expect(more).toEqual([])
      expect(comment!.author).toBe(ACME.jiraAccountId)
      // Wiki markup as src/richtext/wiki.ts renders it, not ADF: headings, bold, [text|url], escapes.
      expect(typeof comment!.body).toBe('string')
      const body = comment!.body as string
      expect(body).toMatch(
        /^h3\. \[acme\/shop\\#42: Fix cart total rounding for discounted lines\|https:\/\/github\.com\/acme\/shop\/pull\/42\]/
      )
      expect(body).toContain('Merged by [ana\\-lima|https://github.com/ana-lima] into {{main}}')
      // The closing `*` next to the word: wiki markup prints `*Approved by *` as it is.
      expect(body).toContain('*Approved by* [chenwei|https://github.com/chenwei]')
      expect(body).toContain('\nh4. Commits (3)\n')
      expect(body).not.toContain('Docs updated')
      expect(body).toContain(key === 'SHOP-12' ? 'resolves this issue' : 'refers to this issue')
      expect(issueOf(sb, key).properties[PROPERTY]).toEqual({
        [prUrl(ACME.pr)]: comment!.id,
        digests: { [prUrl(ACME.pr)]: expect.stringMatching(/^[0-9a-f]{12}$/) }
      })
    }
    // Every Jira request went to REST v2.
    expectRestV2(sb)

    const once = structuredClone(outcome(sb))
    const firstRun = sb.requests.length
    expectSuccess(await run('closed'))
    expect(outcome(sb)).toEqual(once)
    // Data Center cannot edit a comment without notifying watchers (no notifyUsers): the
    // summaries, whose digests in the property are unchanged, are neither read nor written.
    // Only the remote links are upserted.
    const rerun = jiraRequests(sb, firstRun)
    for (const w of writes(rerun))
      expect(w).toMatch(/^POST \/rest\/api\/2\/issue\/SHOP-\d+\/remotelink$/)
    for (const key of LINKED) {
      const paths = rerun.map((r) => `${r.method} ${r.path}`)
      expect(paths).toContain(`GET /rest/api/2/issue/${key}/properties/${PROPERTY}`)
      expect(paths.filter((p) => p.includes(`/issue/${key}/comment`))).toEqual([])
    }
    expect(LINKED.map((key) => summaries(key).length)).toEqual([1, 1, 1])
  },
  TIMEOUT
)
