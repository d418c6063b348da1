import { startSandbox, type Sandbox } from '../../sandbox/index.js'
import { call, JIRA_AUTH } from './client.js'

async function statuses(faults: {
  rate: number
  seed: number
  maxConsecutive?: number
}): Promise<number[]> {
  const sb: Sandbox = await startSandbox({ faults })
  try {
    const out: number[] = []
    // Concurrent requests: the plan depends on the requests, not on their arrival order.
    const paths = Array.from(
      { length: 40 },
      (_, n) => `/rest/api/3/issue/SHOP-${n + 1}?fields=summary`
    )
    const answers = await Promise.all(
      paths.map((p) => call(`${sb.jiraUrl}${p}`, { auth: JIRA_AUTH }))
    )
    out.push(...answers.map((a) => a.status))
    return out
  } finally {
    await sb.close()
  }
}

test('the same seed gives the same faults; another seed others', async () => {
  const a = await statuses({ rate: 0.3, seed: 7 })
  const b = await statuses({ rate: 0.3, seed: 7 })
  const c = await statuses({ rate: 0.3, seed: 8 })
  expect(a).toEqual(b)
  expect(a).not.toEqual(c)
  const faults = a.filter((s) => s !== 200)
  expect(faults.length).toBeGreaterThan(4)
  expect(faults.length).toBeLessThan(25)
  expect(new Set(faults)).toEqual(new Set([429, 502, 503]))
})

test('429 carries Retry-After: 1; faults are logged; a retried request eventually passes', async () => {
  const sb = await startSandbox({ faults: { rate: 0.9, seed: 1, maxConsecutive: 3 } })
  try {
    const url = `${sb.githubUrl}/repos/acme/shop/pulls/42`
    const seen: Array<{ status: number; retryAfter: string | null }> = []
    for (let i = 0; i < 4; i++) {
      const r = await call(url, { auth: 'token ghs_sandboxGithubToken000000000000000' })
      seen.push({ status: r.status, retryAfter: r.headers.get('retry-after') })
      if (r.status === 200) break
    }
    expect(seen.at(-1)!.status).toBe(200)
    expect(seen.length).toBeLessThanOrEqual(4)
    for (const s of seen) if (s.status === 429) expect(s.retryAfter).toBe('1')
    expect(sb.requests.filter((r) => r.fault).length).toBe(seen.length - 1)
  } finally {
    await sb.close()
  }
})

test('rate 0 never faults; latency delays answers', async () => {
  const sb = await startSandbox({ faults: { rate: 0, seed: 1 }, latencyMs: 60 })
  try {
    const t0 = Date.now()
    const r = await call(`${sb.jiraUrl}/rest/api/3/serverInfo`, { auth: JIRA_AUTH })
    expect(r.status).toBe(200)
    expect(Date.now() - t0).toBeGreaterThanOrEqual(55)
  } finally {
    await sb.close()
  }
})

test('a request that creates something gets only the faults that mean "not done" (429, 503)', async () => {
  const sb = await startSandbox({ faults: { rate: 0.9, seed: 3, maxConsecutive: 1 } })
  try {
    const seen = new Set<number>()
    for (let n = 0; n < 40; n++) {
      const r = await call(`${sb.jiraUrl}/rest/api/3/issue/SHOP-12/comment`, {
        auth: JIRA_AUTH,
        method: 'POST',
        body: { body: { type: 'doc', version: 1, content: [] }, n }
      })
      seen.add(r.status)
    }
    expect([...seen].filter((s) => s >= 400).sort()).toEqual([429, 503])
  } finally {
    await sb.close()
  }
})
