/**
 * Keeps the README's inputs and outputs tables equal to action.yml: `npm run readme` rewrites
 * what stands between the `<!-- start inputs -->`/`<!-- end inputs -->` (and outputs) markers;
 * a unit test fails when the README is stale.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { parse } from 'yaml'

interface ActionYml {
  inputs: Record<string, { description: string; default?: string; required?: boolean }>
  outputs: Record<string, { description: string }>
}

const cell = (text: string) => text.replace(/\s+/g, ' ').replace(/\|/g, '\\|').trim()

export function renderTables(actionYmlText: string): { inputs: string; outputs: string } {
  const action = parse(actionYmlText) as ActionYml
  const inputs = [
    '| input | default | description |',
    '| --- | --- | --- |',
    ...Object.entries(action.inputs).map(
      ([name, input]) =>
        `| \`${name}\` | ${input.default === undefined ? '' : `\`${cell(input.default)}\``} | ${cell(input.description)} |`
    )
  ].join('\n')
  const outputs = [
    '| output | description |',
    '| --- | --- |',
    ...Object.entries(action.outputs).map(
      ([name, output]) => `| \`${name}\` | ${cell(output.description)} |`
    )
  ].join('\n')
  return { inputs, outputs }
}

export function updateReadme(readme: string, actionYmlText: string): string {
  const tables = renderTables(actionYmlText)
  let text = readme
  for (const name of ['inputs', 'outputs'] as const) {
    const pattern = new RegExp(`(<!-- start ${name} -->\\n)[\\s\\S]*?(\\n<!-- end ${name} -->)`)
    if (!pattern.test(text))
      throw new Error(`README.md has no <!-- start ${name} --> … <!-- end ${name} --> markers`)
    text = text.replace(
      pattern,
      (_all, start: string, end: string) => `${start}${tables[name]}${end}`
    )
  }
  return text
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const root = new URL('..', import.meta.url)
  const readmePath = new URL('README.md', root)
  const updated = updateReadme(
    readFileSync(readmePath, 'utf8'),
    readFileSync(new URL('action.yml', root), 'utf8')
  )
  writeFileSync(readmePath, updated)
  console.log('README.md tables updated from action.yml')
}
