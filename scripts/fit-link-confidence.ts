/**
 * `node scripts/fit-link-confidence.ts <linkset dir>`: fits the confidence model of
 * src/rules/auto-link/infer/confidence.ts (a logistic regression over a few features that mean
 * the same in any project), the Platt scaling of the list probability (LIST_COEFFICIENTS), the
 * top's link probability (TOP_COEFFICIENTS) and the shift of its log-odds that keeps auto-links
 * right 95% of the time at min-confidence (LINK_SHIFT), and prints them, to be committed.
 *
 * To tune for what generalizes rather than for one vocabulary it reports each project as
 * scored by a model fitted on the other projects only (leave-one-project-out), then fits the
 * shipped model on all projects, each weighted equally.
 */
await import(new URL('./ts-resolve.ts', import.meta.url).href)
const { loadProjects } = await import('./linkset.js')
const { buildIndex, scoreAll } = await import('../src/rules/auto-link/infer/rank.js')
const { MAX_SUGGESTIONS } = await import('../src/rules/auto-link/infer/thresholds.js')
const {
  assess,
  confidenceFeatures,
  confidenceOf,
  logOdds,
  standout,
  FEATURE_NAMES,
  SHIPPED_MODEL
} = await import('../src/rules/auto-link/infer/confidence.js')
const { defaultSettings } = await import('../src/config/defaults.js')
const { minConfidence, suggestConfidence } = defaultSettings().rules.autoLink

type Model = import('../src/rules/auto-link/infer/confidence.js').ConfidenceModel

/** Auto-links must be right this often at min-confidence, in every project fitted on. */
const LINK_PRECISION = 0.95

/** One PR: the features of its top candidates, which of them are right, how far the top stands out. */
interface Sample {
  features: number[][]
  right: boolean[]
  standout: number
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
        right: top.map((s) => record.keys.includes(index.candidates[s.doc]?.key ?? '')),
        standout: standout(scored)
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

/** The decision confidences of one PR's list under a model, as rank() computes them. */
function decisions(sample: Sample, model: Model): number[] {
  return assess(sample.features, sample.standout, model).confidences
}

function autoLinks(list: Sample[], model: Model): { auto: number; right: number } {
  let auto = 0
  let right = 0
  for (const s of list) {
    if ((decisions(s, model)[0] ?? 0) >= minConfidence) {
      auto++
      if (s.right[0]) right++
    }
  }
  return { auto, right }
}

/** What eval:link reports, for a project's samples under a model. */
function figures(list: Sample[], model: Model): string {
  const { auto, right } = autoLinks(list, model)
  let suggested = 0
  for (const s of list) {
    if (decisions(s, model).some((c, i) => c >= suggestConfidence && s.right[i])) suggested++
  }
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`
  return `auto coverage ${pct(auto / list.length)} precision ${pct(auto ? right / auto : 1)}, among suggestions ${pct(suggested / list.length)}`
}

/** One row per PR with candidates, each project weighing the same in all. */
function perPr(
  names: string[],
  row: (s: Sample) => { x: number[]; y: boolean }
): { x: number[]; y: number; w: number }[] {
  return names.flatMap((name) => {
    const list = (samples.get(name) ?? []).filter((s) => s.features.length > 0)
    return list.map((s) => {
      const { x, y } = row(s)
      return { x, y: y ? 1 : 0, w: 1000 / Math.max(1, list.length) }
    })
  })
}

/**
 * The model fitted on some projects: the per-candidate logistic regression (each project
 * weighted equally); the Platt scaling of the list probability; the top's link probability
 * (its own probability's log-odds and how far it stands out); then the smallest shift of that
 * (in steps of 0.05) that makes auto-links right LINK_PRECISION of the time in each project.
 */
function fitModel(names: string[]): Model {
  const coefficients = fit(rowsOf(names))
  const ownOf = (s: Sample) => confidenceOf(s.features, coefficients)
  const [a = 0, b = 1] = fit(
    perPr(names, (s) => ({
      x: [
        logOdds(
          Math.min(
            0.999,
            ownOf(s).reduce((x, y) => x + y, 0)
          )
        )
      ],
      y: s.right.some(Boolean)
    })),
    0.01
  )
  const list: [number, number] = [round(a), round(b)]
  const top = fit(
    perPr(names, (s) => ({ x: [logOdds(ownOf(s)[0] ?? 0), s.standout], y: s.right[0] ?? false })),
    0.01
  ).map(round)
  let shift = 0
  const precise = (x: number) =>
    names.every((name) => {
      const { auto, right } = autoLinks(samples.get(name) ?? [], {
        coefficients,
        list,
        top,
        shift: x
      })
      return auto === 0 || right / auto >= LINK_PRECISION
    })
  while (shift > -5 && !precise(shift)) shift -= 0.05
  return { coefficients, list, top, shift: round(shift) }
}

const round = (x: number) => Math.round(x * 1000) / 1000
const names = [...samples.keys()]
const show = (m: Model) =>
  `coefficients [${m.coefficients.map((b) => b.toFixed(3)).join(', ')}]\n  shift ${m.shift}, list [${m.list.join(', ')}], top [${m.top.join(', ')}]`
console.log(`features: intercept, ${FEATURE_NAMES.join(', ')}`)

console.log(`committed ${show(SHIPPED_MODEL)}`)
for (const name of names)
  console.log(`  ${name}: ${figures(samples.get(name) ?? [], SHIPPED_MODEL)}`)
for (const held of names) {
  const model = fitModel(names.filter((n) => n !== held))
  console.log(`fitted without ${held}: ${show(model)}`)
  for (const name of names) {
    console.log(
      `  ${name}${name === held ? ' (held out)' : ''}: ${figures(samples.get(name) ?? [], model)}`
    )
  }
}
const all = fitModel(names)
console.log(`fitted on all: ${show(all)}`)
for (const name of names) console.log(`  ${name}: ${figures(samples.get(name) ?? [], all)}`)
