import { readFileSync } from 'node:fs'
import { updateReadme } from '../../scripts/readme-tables.js'

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8')

test('the README inputs and outputs tables equal action.yml (run `npm run readme` to update)', () => {
  const readme = read('README.md')
  expect(updateReadme(readme, read('action.yml'))).toBe(readme)
})

test('every input of action.yml is in the README table', () => {
  const readme = read('README.md')
  for (const match of read('action.yml').matchAll(/^ {2}([a-z-]+):$/gm)) {
    expect(readme).toContain(`\`${match[1]}\``)
  }
})
