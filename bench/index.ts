/**
 * `npm run bench`: what one run of dist/index.js costs, per event, against the local sandbox.
 *
 * For each event: HTTP requests (and those to Jira, to GitHub and to the Actions cache), the
 * longest chain of dependent requests (measured twice: from
 * the request log's timing, and from the wall time with 50 ms added to every answer:
 * chain ≈ (t50 − t0) / 50), the wall time and the peak memory of the action's process. Then the
 * bundle size, the cold start of the bundle against a bare bundled @actions/core action, and the
 * time to read a config file as its `users` table grows toward the size limit.
 * Prints a table, or with `--json` one JSON object. Figures only: it asserts nothing.
 *
 *   node --import ./sandbox/register.mjs bench/index.ts [--json]
 *   BENCH_RUNS=3 (repeats per event, median), COLD_START_RUNS=15, GITAR_JIRA_BUNDLE=path
 */
import { mkdtempSync, readdirSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { ACME, ACME_PLUS, acmePlus, startSandbox, type Sandbox } from '../sandbox/index.js'
import type { LoggedRequest } from '../sandbox/index.js'
import { BUNDLE, runAction, type ActionRun } from '../sandbox/run-action.js'
import { startCacheService } from './cache-service.js'
import { coldStart } from './cold-start.js'
import { configParse } from './config-parse.js'

const RUNS = Number(process.env.BENCH_RUNS ?? 3)
const LATENCY_MS = 50
const json = process.argv.includes('--json')

interface BenchEvent {
  name: string
  config?: string
  /** With an Actions cache service (bench/cache-service.ts) that setup and run share. */
  cache?: true
  /** Runs before the measured event (not measured), e.g. the event that made the comment. */
  setup?(sb: Sandbox, env: Record<string, string>): Promise<ActionRun>
  run(sb: Sandbox, env: Record<string, string>): Promise<ActionRun>
}

const pr =
  (n: number, action: string, inputs?: Record<string, string>) =>
  (sb: Sandbox, env: Record<string, string> = {}) =>
    runAction({
      sandbox: sb,
      eventName: 'pull_request',
      payload: sb.pullRequestEvent(ACME.repo, n, action),
      env,
      ...(inputs ? { inputs } : {})
    })

function botCommentOf(sb: Sandbox, n: number) {
  const repo = sb.state.github.repos.find((r) => `${r.owner}/${r.name}` === ACME.repo)!
  const comment = repo.issueComments.find((c) => c.issueNumber === n)
  if (!comment) throw new Error(`no comment on #${n}`)
  return comment
}

const EVENTS: BenchEvent[] = [
  { name: 'PR opened, one key', run: pr(ACME_PLUS.oneKeyPr, 'opened') },
  { name: 'PR opened, several keys', run: pr(ACME.pr, 'opened') },
  {
    name: 'PR edited, a key removed',
    setup: pr(ACME.pr, 'opened'),
    run: (sb) => {
      const pull = sb.state.github.repos[0]!.pulls.find((p) => p.number === ACME.pr)!
      pull.body = pull.body.replace(/\nRelates to SHOP-23[^\n]*\n/, '\n')
      return pr(ACME.pr, 'edited')(sb)
    }
  },
  {
    name: 'PR opened, no key (inference)',
    config: ACME_PLUS.shopOnly,
    run: pr(ACME.inferencePr, 'opened')
  },
  {
    name: 'checkbox ticked (issue_comment)',
    config: ACME_PLUS.suggestOnly,
    setup: pr(ACME_PLUS.nearMatchPr, 'opened'),
    run: (sb) => {
      const comment = botCommentOf(sb, ACME_PLUS.nearMatchPr)
      const body = comment.body.replace('- [ ] <!-- gitar-jira:key', '- [x] <!-- gitar-jira:key')
      return runAction({
        sandbox: sb,
        eventName: 'issue_comment',
        payload: sb.commentEditedEvent(ACME.repo, comment.id, body, 'ana-lima')
      })
    }
  },
  {
    // Summaries, follow-ups (four TODOs, one thread), files remembered: the busiest event.
    name: 'PR merged, several keys',
    setup: pr(ACME.pr, 'opened'),
    run: (sb) => {
      sb.mergePullRequest(ACME.repo, ACME.pr, 'ana-lima')
      return pr(ACME.pr, 'closed')(sb)
    }
  },
  { name: 'PR opened, several keys, dry-run', run: pr(ACME.pr, 'opened', { 'dry-run': 'true' }) },
  // A second run, without and with the Actions cache (Jira metadata, the login map).
  {
    name: 'PR opened, several keys, rerun',
    setup: pr(ACME.pr, 'opened'),
    run: pr(ACME.pr, 'opened')
  },
  {
    name: 'PR opened, several keys, rerun, cached',
    cache: true,
    setup: pr(ACME.pr, 'opened'),
    run: pr(ACME.pr, 'opened')
  },
  {
    name: 'PR opened, one key, after another PR, cached',
    cache: true,
    setup: pr(ACME.pr, 'opened'),
    run: pr(ACME_PLUS.oneKeyPr, 'opened')
  }
]

/**
 * The longest chain of requests each of which started after the previous one was answered:
 * the requests the run had to make one after another.
 */
function longestChain(requests: LoggedRequest[]): number {
  const sorted = [...requests].sort((a, b) => a.startedAt - b.startedAt)
  const chain: number[] = []
  sorted.forEach((request, i) => {
    let before = 0
    for (let j = 0; j < i; j++)
      if (sorted[j]!.endedAt <= request.startedAt) before = Math.max(before, chain[j]!)
    chain.push(before + 1)
  })
  return Math.max(0, ...chain)
}

interface Sample {
  ms: number
  requests: number
  jira: number
  github: number
  cache: number
  chainFromLog: number
  maxRssBytes: number | null
}

async function measure(event: BenchEvent, latencyMs: number): Promise<Sample> {
  const sb = await startSandbox({ seed: acmePlus(), latencyMs })
  const cache = event.cache ? await startCacheService() : null
  // A runner's RUNNER_TEMP and workspace are the same paths run after run; the cache ties an
  // entry to its paths.
  const dir = mkdtempSync(join(tmpdir(), 'gitar-jira-bench-'))
  const env = cache ? { ...cache.env, RUNNER_TEMP: dir, GITHUB_WORKSPACE: dir } : {}
  try {
    if (event.config) sb.state.github.repos[0]!.files.main!['.github/gitar-jira.yml'] = event.config
    if (event.setup) check(event, await event.setup(sb, env))
    const from = sb.requests.length
    const cacheFrom = cache?.requests ?? 0
    const run = await event.run(sb, env)
    check(event, run)
    const requests = sb.requests.slice(from)
    return {
      ms: run.ms,
      requests: requests.length,
      jira: requests.filter((r) => r.service === 'jira').length,
      github: requests.filter((r) => r.service === 'github').length,
      cache: (cache?.requests ?? 0) - cacheFrom,
      chainFromLog: longestChain(requests),
      maxRssBytes: run.maxRssBytes
    }
  } finally {
    await sb.close()
    await cache?.close()
  }
}

function check(event: BenchEvent, run: ActionRun): void {
  if (run.exitCode !== 0) {
    throw new Error(`${event.name}: exit ${run.exitCode}\n${run.stdout}\n${run.stderr}`)
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN
}

interface Row {
  event: string
  requests: number
  jira: number
  github: number
  cache: number
  chainFromLog: number
  chainFromLatency: number
  wallMs: number
  wallMsAt50: number
  peakRssMiB: number
}

async function benchEvent(event: BenchEvent): Promise<Row> {
  const fast: Sample[] = []
  const slow: Sample[] = []
  for (let i = 0; i < RUNS; i++) {
    fast.push(await measure(event, 0))
    slow.push(await measure(event, LATENCY_MS))
  }
  const t0 = median(fast.map((s) => s.ms))
  const t50 = median(slow.map((s) => s.ms))
  const rss = fast.map((s) => s.maxRssBytes).filter((b): b is number => b !== null)
  return {
    event: event.name,
    requests: median(fast.map((s) => s.requests)),
    jira: median(fast.map((s) => s.jira)),
    github: median(fast.map((s) => s.github)),
    cache: median(fast.map((s) => s.cache)),
    chainFromLog: median(slow.map((s) => s.chainFromLog)),
    chainFromLatency: Math.round(((t50 - t0) / LATENCY_MS) * 10) / 10,
    wallMs: Math.round(t0),
    wallMsAt50: Math.round(t50),
    peakRssMiB: rss.length > 0 ? Math.round((Math.max(...rss) / 1024 / 1024) * 10) / 10 : Number.NaN
  }
}

/** The bundle the events run (GITAR_JIRA_BUNDLE overrides dist/index.js, as in runAction). */
const bundle = process.env.GITAR_JIRA_BUNDLE ?? BUNDLE

function bundleBytes(): { indexJs: number; allJs: number } {
  const dir = dirname(bundle)
  const all = readdirSync(dir)
    .filter((f) => f.endsWith('.js'))
    .reduce((sum, f) => sum + statSync(join(dir, f)).size, 0)
  return { indexJs: statSync(bundle).size, allJs: all }
}

function table(rows: Row[]): string {
  const head = [
    'event',
    'requests',
    'Jira',
    'GitHub',
    'cache',
    'chain (log)',
    'chain (latency)',
    'wall ms',
    `wall ms +${LATENCY_MS}ms/req`,
    'peak RSS MiB'
  ]
  const cells = rows.map((r) => [
    r.event,
    String(r.requests),
    String(r.jira),
    String(r.github),
    String(r.cache),
    String(r.chainFromLog),
    r.chainFromLatency.toFixed(1),
    String(r.wallMs),
    String(r.wallMsAt50),
    r.peakRssMiB.toFixed(1)
  ])
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)))
  const line = (c: string[]) =>
    c.map((v, i) => (i === 0 ? v.padEnd(widths[i]!) : v.padStart(widths[i]!))).join('  ')
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)].join('\n')
}

const started = performance.now()
if (bundle !== BUNDLE) process.stderr.write(`bench: running ${bundle}\n`)
const rows: Row[] = []
for (const event of EVENTS) {
  if (!json) process.stderr.write(`bench: ${event.name}…\n`)
  rows.push(await benchEvent(event))
}
if (!json) process.stderr.write('bench: cold start…\n')
const cold = await coldStart(bundle)
const size = bundleBytes()
if (!json) process.stderr.write('bench: config file reading…\n')
const config = configParse()
const result = {
  node: process.version,
  runsPerEvent: RUNS,
  latencyMs: LATENCY_MS,
  events: rows,
  bundle: { indexJsBytes: size.indexJs, allJsBytes: size.allJs },
  coldStart: {
    bundleMs: Math.round(cold.ours * 10) / 10,
    bareActionMs: Math.round(cold.bare * 10) / 10,
    ratio: Math.round((cold.ours / cold.bare) * 100) / 100
  },
  configParse: config,
  benchSeconds: Math.round((performance.now() - started) / 100) / 10
}

if (json) {
  console.log(JSON.stringify(result, null, 2))
} else {
  const mib = (b: number) => (b / 1024 / 1024).toFixed(2)
  console.log(
    `gitar-jira bench · node ${result.node} · median of ${RUNS} runs per event · sandbox on 127.0.0.1\n`
  )
  console.log(table(rows))
  console.log(
    `\nrequests: to the sandbox (Jira, GitHub, OAuth); cache: to the Actions cache service (restore: 2, save: 3)` +
      `\nchain (log): longest run of requests each sent after the previous was answered (request log timing, +${LATENCY_MS} ms run)` +
      `\nchain (latency): (wall at +${LATENCY_MS} ms − wall) / ${LATENCY_MS}. Near 0 for a run that writes to GitHub:` +
      `\n  Octokit's throttling spaces "writes" 1 s apart and counts the GraphQL query as one, so the PR comment` +
      `\n  waits ~1 s after it and the added latency disappears inside that wait (compare the dry-run row)`
  )
  console.log(
    `\nbundle: index.js ${mib(size.indexJs)} MiB (${size.indexJs} bytes); with its chunks (*.js) ${mib(size.allJs)} MiB`
  )
  console.log(
    `cold start to first request (median of ${process.env.COLD_START_RUNS ?? 15}): ` +
      `gitar-jira ${result.coldStart.bundleMs} ms, bare @actions/core action ${result.coldStart.bareActionMs} ms, ` +
      `ratio ${result.coldStart.ratio.toFixed(2)}`
  )
  console.log(
    `config file with a users table: ${config.map((c) => `${c.entries} entries (${Math.round(c.bytes / 1024)} KiB) ${c.ms} ms`).join(', ')}`
  )
  console.log(`\n(bench took ${result.benchSeconds} s)`)
}
