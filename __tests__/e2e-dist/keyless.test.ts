/**
 * Key-less PRs with `jira.projects: [SHOP]`: PR #43 "Wishlist: read-only share links" is about
 * SHOP-51 "Share wishlist with a link" (assigned to its author, Dana); a Dependabot bump is about
 * nothing; a maintainer ticking a possible match's box links it.
 */
import type { Sandbox } from '../../sandbox/index.js'
import {
  ACME,
  NEAR_MATCH_PR,
  SHOP_ONLY,
  TIMEOUT,
  botComment,
  expectSuccess,
  globalId,
  linksTo,
  outcome,
  parseList,
  requireBundle,
  runPr,
  sandbox,
  writes
} from './helpers.js'
import {
  SUGGEST_ONLY,
  expectBumpFindsNothing,
  expectShop51LinkedOrListed,
  runCommentEdit,
  tickShop51Event
} from './stories.js'

let sb: Sandbox
beforeAll(requireBundle)
afterEach(async () => {
  await sb.close()
})

test(
  'PR #43 without a key: SHOP-51 is linked by inference (or listed as a possible match)',
  async () => {
    sb = await sandbox({ config: SHOP_ONLY })
    const run = await runPr(sb, ACME.inferencePr, 'opened')
    expectSuccess(run)
    expectShop51LinkedOrListed(sb, run)
    // Only SHOP issues are looked at: every search names the project.
    const searches = sb.requests.filter((r) => r.path === '/rest/api/3/search/jql')
    expect(searches.length).toBeGreaterThan(0)
    for (const s of searches)
      expect(String(s.query.jql ?? (s.body as { jql?: string })?.jql)).toMatch(
        /project in \("SHOP"\)/
      )
  },
  TIMEOUT
)

test(
  'a Dependabot bump (no key): nothing linked, nothing suggested',
  async () => {
    sb = await sandbox({ config: SHOP_ONLY })
    await expectBumpFindsNothing(sb)
  },
  TIMEOUT
)

test(
  "ticking a possible match's box links it; the same edit event 3 times more changes nothing",
  async () => {
    sb = await sandbox({ config: SUGGEST_ONLY })
    expectSuccess(await runPr(sb, NEAR_MATCH_PR, 'opened'))
    const listed = botComment(sb, NEAR_MATCH_PR).body
    expect(listed).toContain('**Possible matches**')
    expect(listed).toContain('- [ ] <!-- gitar-jira:key SHOP-51 -->')
    expect(linksTo(sb, NEAR_MATCH_PR)).toEqual({})

    const edit = tickShop51Event(sb)
    const ticked = await runCommentEdit(sb, edit)
    expectSuccess(ticked)
    expect(linksTo(sb, NEAR_MATCH_PR)).toEqual({ 'SHOP-51': 1 })
    expect(parseList(ticked.outputs['linked-issues'])).toEqual(['SHOP-51'])
    const comment = botComment(sb, NEAR_MATCH_PR)
    expect(comment.body).toContain('- [x] <!-- gitar-jira:key SHOP-51 -->')
    expect(comment.body).toContain('accepted')
    expect(comment.body).not.toContain('- [ ] <!-- gitar-jira:key SHOP-51 -->')
    const link = sb.state.jira.issues
      .find((i) => i.key === 'SHOP-51')!
      .remoteLinks.find((l) => l.globalId === globalId(NEAR_MATCH_PR))
    expect(link?.object.title).toBe('acme/shop#45: Share button on the wishlist page')

    // GitHub redelivers, or the maintainer saves again: the same decision, the same state.
    const once = structuredClone(outcome(sb))
    const seen = sb.requests.length
    for (let i = 0; i < 3; i++) expectSuccess(await runCommentEdit(sb, edit))
    expect(outcome(sb)).toEqual(once)
    for (const write of writes(sb.requests.slice(seen)))
      expect(write).toBe('POST /rest/api/3/issue/SHOP-51/remotelink')
  },
  TIMEOUT
)
