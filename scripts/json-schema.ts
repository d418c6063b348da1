/**
 * Writes schema/gitar-jira.schema.json from the zod schema: `npm run schema`.
 *
 * The sources import each other as `./x.js`; ./ts-resolve.ts lets Node find them as `.ts`.
 */
import { writeFileSync } from 'node:fs'

await import(new URL('./ts-resolve.ts', import.meta.url).href)
const { renderJsonSchema, SCHEMA_FILE } = await import('../src/config/json-schema.js')
const target = new URL(`../${SCHEMA_FILE}`, import.meta.url)
writeFileSync(target, renderJsonSchema())
console.log(`Wrote ${SCHEMA_FILE}`)
