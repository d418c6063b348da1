/**
 * Lets Node run the TypeScript sources straight from scripts: Node strips the types, but the
 * sources import each other as `./x.js` (TypeScript's NodeNext convention), which Node cannot
 * find. This resolve hook retries a missing relative `.js` import as `.ts`.
 *
 * A script loads this file first, then the sources with a dynamic import:
 *   await import(new URL('./ts-resolve.ts', import.meta.url).href)
 *   const { x } = await import('../src/x.js')
 * (a static import would be resolved before the hook exists).
 */
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
