/**
 * `node scripts/fit-link-confidence.ts <linkset dir>`: fits the confidence model of
 * src/rules/auto-link/infer/confidence.ts (a logistic regression over a few features that mean
 * the same in any project) and prints its coefficients, to be committed as COEFFICIENTS.
 *
 * To tune for what generalizes rather than for one vocabulary it reports each project as
 * scored by a model fitted on the other projects only (leave-one-project-out), then fits the
 * shipped model on all projects, each weighted equally.
 */
await import(new URL('./ts-resolve.ts', import.meta.url).href)
const { loadProjects } = await import('./linkset.js')
const { buildIndex, scoreAll } = await import('../src/rules/auto-link/infer/rank.js')
const { MAX_SUGGESTIONS } = await import('../src/rules/auto-link/infer/thresholds.js')
const { confidenceFeatures, confidenceOf, FEATURE_NAMES, COEFFICIENTS } =
  await import('../src/rules/auto-link/infer/confidence.js')
const { defaultSettings } = await import('../src/config/defaults.js')
const { minConfidence, suggestConfidence } = defaultSettings().rules.autoLink

/** One PR: the features of its top candidates and which of them are right. */
interface Sample {
  features: number[][]
  right: boolean[]
}

const dir = process.argv[2]
if (!dir) {
  console.error('usage: node scripts/fit-link-confidence.ts <linkset dir>')
  process.exit(2)
}

const samples = new Map<string, Sample[]>()
for (const project of loadProjects(dir)) {
  const index = buildIndex(project.candidates)
  samples.set(
    project.name,
    project.records.map((record) => {
      const { query, self, scored } = scoreAll(index, record.pr)
      const top = scored.slice(0, MAX_SUGGESTIONS)
      return {
        features: confidenceFeatures(top, self, query.text.size),
        right: top.map((s) => record.keys.includes(index.candidates[s.doc]?.key ?? ''))
      }
    })
  )
}

/** L2-regularised logistic regression by Newton's method; rows weighted. */
function fit(rows: { x: number[]; y: number; w: number }[], l2 = 1): number[] {
  const d = (rows[0]?.x.length ?? 0) + 1
  const beta = new Array<number>(d).fill(0)
  for (let iteration = 0; iteration < 50; iteration++) {
    const gradient = new Array<number>(d).fill(0)
    const hessian = Array.from({ length: d }, () => new Array<number>(d).fill(0))
    for (const { x, y, w } of rows) {
      const v = [1, ...x]
      const z = v.reduce((sum, xi, i) => sum + xi * (beta[i] as number), 0)
      const p = 1 / (1 + Math.exp(-z))
      for (let i = 0; i < d; i++) {
        gradient[i] = (gradient[i] as number) + w * ((p - y) * (v[i] as number))
        const row = hessian[i] as number[]
        for (let j = 0; j < d; j++)
          row[j] = (row[j] as number) + w * p * (1 - p) * (v[i] as number) * (v[j] as number)
      }
    }
    for (let i = 1; i < d; i++) {
      gradient[i] = (gradient[i] as number) + l2 * (beta[i] as number)
      const row = hessian[i] as number[]
      row[i] = (row[i] as number) + l2
    }
    const step = solve(hessian, gradient)
    let moved = 0
    for (let i = 0; i < d; i++) {
      beta[i] = (beta[i] as number) - (step[i] as number)
      moved = Math.max(moved, Math.abs(step[i] as number))
    }
    if (moved < 1e-8) break
  }
  return beta
}

/** Gaussian elimination with partial pivoting: a x = b. */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length
  const m = a.map((row, i) => [...row, b[i] as number])
  for (let col = 0; col < n; col++) {
    let pivot = col
    for (let r = col + 1; r < n; r++)
      if (Math.abs(m[r]![col]!) > Math.abs(m[pivot]![col]!)) pivot = r
    ;[m[col], m[pivot]] = [m[pivot]!, m[col]!]
    for (let r = 0; r < n; r++) {
      if (r === col) continue
      const f = m[r]![col]! / (m[col]![col]! || 1e-12)
      for (let c = col; c <= n; c++) m[r]![c] = m[r]![c]! - f * m[col]![c]!
    }
  }
  return m.map((row, i) => row[n]! / (row[i]! || 1e-12))
}

function rowsOf(names: string[]): { x: number[]; y: number; w: number }[] {
  return names.flatMap((name) => {
    const list = samples.get(name) ?? []
    const weight = 1 / Math.max(1, list.length)
    return list.flatMap((s) =>
      s.features.map((x, i) => ({ x, y: s.right[i] ? 1 : 0, w: weight * 1000 }))
    )
  })
}

/** What eval:link reports, for a project's samples under given coefficients. */
function figures(list: Sample[], coefficients: readonly number[]): string {
  let auto = 0
  let autoRight = 0
  let suggested = 0
  for (const s of list) {
    const confidence = confidenceOf(s.features, coefficients)
    if ((confidence[0] ?? 0) >= minConfidence) {
      auto++
      if (s.right[0]) autoRight++
    }
    if (confidence.some((c, i) => c >= suggestConfidence && s.right[i])) suggested++
  }
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`
  return `auto coverage ${pct(auto / list.length)} precision ${pct(auto ? autoRight / auto : 1)}, among suggestions ${pct(suggested / list.length)}`
}

const names = [...samples.keys()]
const show = (beta: number[]) => `[${beta.map((b) => b.toFixed(3)).join(', ')}]`
console.log(`features: intercept, ${FEATURE_NAMES.join(', ')}`)
console.log(`committed ${show([...COEFFICIENTS])}`)
for (const name of names)
  console.log(`  ${name}: ${figures(samples.get(name) ?? [], COEFFICIENTS)}`)
for (const held of names) {
  const beta = fit(rowsOf(names.filter((n) => n !== held)))
  console.log(`fitted without ${held} ${show(beta)}`)
  for (const name of names) {
    console.log(
      `  ${name}${name === held ? ' (held out)' : ''}: ${figures(samples.get(name) ?? [], beta)}`
    )
  }
}
const all = fit(rowsOf(names))
console.log(`fitted on all ${show(all)}`)
for (const name of names) console.log(`  ${name}: ${figures(samples.get(name) ?? [], all)}`)
