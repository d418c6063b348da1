/**
 * Where a PR changed things: files grouped by area (the top folder; one level deeper under
 * container folders such as `src/` or `packages/`, where the top folder alone says nothing), and
 * the test files it touched.
 */
import type { PrFile } from '../../github/port.js'

export interface Area {
  name: string
  files: number
  additions: number
  deletions: number
}

/** Folders that hold the real areas one level down. */
const CONTAINERS = new Set([
  'src',
  'lib',
  'app',
  'apps',
  'packages',
  'pkg',
  'services',
  'cmd',
  'internal',
  'modules',
  'components',
  'crates',
  '__tests__',
  'test',
  'tests'
])

export const ROOT_AREA = '(root)'

export function areaOf(path: string): string {
  const parts = path.split('/')
  if (parts.length === 1) return ROOT_AREA
  const [top, second] = parts
  return CONTAINERS.has(top!) && parts.length > 2 ? `${top}/${second}` : top!
}

/** Areas, the most changed first (lines, then files, then name). */
export function changedAreas(files: PrFile[]): Area[] {
  const areas = new Map<string, Area>()
  for (const f of files) {
    const name = areaOf(f.path)
    const area = areas.get(name) ?? { name, files: 0, additions: 0, deletions: 0 }
    area.files += 1
    area.additions += f.additions
    area.deletions += f.deletions
    areas.set(name, area)
  }
  return [...areas.values()].sort(
    (a, b) =>
      b.additions + b.deletions - (a.additions + a.deletions) ||
      b.files - a.files ||
      a.name.localeCompare(b.name)
  )
}

const TEST_PATTERNS = [
  /(^|\/)(__tests__|__mocks__|tests?|specs?|e2e|testdata|fixtures)\//i,
  /\.(test|spec|e2e)\.[^/]+$/i,
  /_(test|spec)\.[^/.]+$/i,
  /(^|\/)test_[^/]+\.py$/i,
  /[A-Za-z0-9](Tests?|Spec|IT)\.(java|kt|kts|cs|swift|scala|groovy|php)$/
]

export function isTestFile(path: string): boolean {
  return TEST_PATTERNS.some((p) => p.test(path))
}

export function testFiles(files: PrFile[]): PrFile[] {
  return files.filter((f) => isTestFile(f.path))
}
