/**
 * Writes schema/gitar-jira.schema.json from the zod schema: `npm run schema`.
 *
 * Node runs this file by stripping its types, but the sources import each other as `./x.js`
 * (TypeScript's NodeNext convention), which Node cannot find. A resolve hook retries a missing
 * relative `.js` import as `.ts`; the sources are then loaded with a dynamic import.
 */
import { writeFileSync } from 'node:fs'
import { registerHooks } from 'node:module'

registerHooks({
  resolve(specifier, context, nextResolve) {
    try {
      return nextResolve(specifier, context)
    } catch (error) {
      const missing = (error as { code?: string }).code === 'ERR_MODULE_NOT_FOUND'
      if (!missing || !/^\.\.?\/.*\.js$/.test(specifier)) throw error
      return nextResolve(specifier.replace(/\.js$/, '.ts'), context)
    }
  }
})

const { renderJsonSchema, SCHEMA_FILE } = await import('../src/config/json-schema.js')
const target = new URL(`../${SCHEMA_FILE}`, import.meta.url)
writeFileSync(target, renderJsonSchema())
console.log(`Wrote ${SCHEMA_FILE}`)
