/** `dry-run: true`: everything is computed and reported, nothing reaches Jira or GitHub as a write. */
import type { Sandbox } from '../../sandbox/index.js'
import {
  ACME,
  SHOP_ONLY,
  TIMEOUT,
  eachSandbox,
  botComment,
  expectSuccess,
  outcome,
  parseList,
  prUrl,
  runPr,
  setConfig,
  writes
} from './helpers.js'
import { dropShop23 } from './stories.js'

const DRY = { 'dry-run': 'true' }

let sb: Sandbox
eachSandbox((s) => (sb = s))

test(
  'dry-run on PR opened: no write request, state unchanged, outputs and summary still set',
  async () => {
    const before = structuredClone(sb.state)
    const run = await runPr(sb, ACME.pr, 'opened', { inputs: DRY })
    expectSuccess(run)

    expect(writes(sb.requests)).toEqual([])
    expect(sb.state).toEqual(before)
    expect(parseList(run.outputs['linked-issues']).sort()).toEqual([
      'SHOP-12',
      'SHOP-15',
      'SHOP-23'
    ])
    expect(run.outputs['comment-url']).toBe('')
    expect(run.summary).toContain('(dry run)')
    expect(run.stdout).toContain(
      '[dry-run] would link SHOP-12 to https://github.com/acme/shop/pull/42'
    )
  },
  TIMEOUT
)

test(
  'dry-run on an edit that drops a key and on key-less inference: still no write',
  async () => {
    expectSuccess(await runPr(sb, ACME.pr, 'opened'))
    const comment = structuredClone(botComment(sb, ACME.pr))
    dropShop23(sb)
    setConfig(sb, SHOP_ONLY)
    const before = structuredClone(outcome(sb))
    const seen = sb.requests.length

    const edited = await runPr(sb, ACME.pr, 'edited', { inputs: DRY })
    const keyless = await runPr(sb, ACME.inferencePr, 'opened', { inputs: DRY })
    expectSuccess(edited)
    expectSuccess(keyless)

    expect(writes(sb.requests.slice(seen))).toEqual([])
    expect(outcome(sb)).toEqual(before)
    expect(botComment(sb, ACME.pr)).toEqual(comment)
    expect(edited.stdout).toContain('[dry-run] would remove the link from SHOP-23')
    expect(parseList(edited.outputs['linked-issues']).sort()).toEqual(['SHOP-12', 'SHOP-15'])
    expect(edited.outputs['comment-url']).toBe(`${prUrl(ACME.pr)}#issuecomment-${comment.id}`)
    expect(keyless.stdout).toContain('[dry-run] would link SHOP-51')
    expect(parseList(keyless.outputs['linked-issues'])).toEqual(['SHOP-51'])
  },
  TIMEOUT
)
