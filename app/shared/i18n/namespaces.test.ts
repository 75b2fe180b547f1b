import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { NAMESPACES } from './index'
import { CORE_NAMESPACES, routeNamespaces } from './namespaces'

/**
 * The browser loads only the core namespaces and those of a page's routes (namespaces.ts). Here: every module
 * that runs in the browser uses only namespaces its pages load – a route module its capability's and the core
 * ones, a shared component only the core ones. A message in another namespace would show as its key.
 */

const app = path.resolve(import.meta.dirname, '../..')
const used = (file: string) =>
  new Set([...fs.readFileSync(file, 'utf8').matchAll(new RegExp(`['"\`](${NAMESPACES.join('|')}):[\\w.{$]`, 'g'))].map((m) => m[1]!))

function browserModules(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true }).flatMap((entry) => {
    const file = path.join(entry.parentPath, entry.name)
    return entry.isFile() && /\.tsx?$/.test(entry.name) && !/\.(server|test)\.tsx?$/.test(entry.name) ? [file] : []
  })
}

describe('message namespaces in the browser', () => {
  it('a route takes its capability’s namespace beyond the core ones', () => {
    expect(routeNamespaces('root')).toEqual([])
    expect(routeNamespaces('routes/catalogue/overview')).toEqual(['catalogue', 'forums', 'monitoring', 'report'])
    expect(routeNamespaces('routes/rounds/todo')).toEqual(['rounds', 'report'])
    expect(routeNamespaces('routes/account/login')).toEqual([])
    expect(routeNamespaces('routes/forums/forum')).toEqual(['forums', 'participant'])
    expect(routeNamespaces('routes/published/overview')).toEqual(['report'])
    expect(routeNamespaces('routes/unbekannt/seite')).toEqual(NAMESPACES.filter((ns) => !(CORE_NAMESPACES as readonly string[]).includes(ns)))
    expect(routeNamespaces('eigene-id')).toEqual(NAMESPACES.filter((ns) => !(CORE_NAMESPACES as readonly string[]).includes(ns)))
  })

  for (const capability of fs.readdirSync(path.join(app, 'routes'))) {
    it(`pages of ${capability} use only the namespaces they load`, () => {
      const loads = new Set<string>([...CORE_NAMESPACES, ...routeNamespaces(`routes/${capability}/x`)])
      for (const file of browserModules(path.join(app, 'routes', capability))) {
        for (const ns of used(file)) expect(loads.has(ns), `${path.relative(app, file)} uses ${ns}:`).toBe(true)
      }
    })
  }

  it('the layout and the shared components use only the core namespaces; a shared module beyond them only on pages that load its namespaces', () => {
    const core = CORE_NAMESPACES as readonly string[]
    const files = [path.join(app, 'root.tsx'), path.join(app, 'entry.client.tsx'), ...['ui', 'collab', 'shared'].flatMap((dir) => browserModules(path.join(app, dir)))]
    const everyModule = browserModules(app)
    for (const file of files) {
      const beyond = [...used(file)].filter((ns) => !core.includes(ns))
      if (beyond.length === 0) continue
      const rel = path.relative(app, file)
      expect(rel.startsWith('shared/'), `${rel} uses ${beyond.join(', ')}:`).toBe(true)
      // Who imports it in the browser: each must be a page whose capability loads those namespaces.
      const stem = path.basename(file).replace(/\.tsx?$/, '')
      const importers = everyModule.filter((m) => m !== file && new RegExp(`from '[^']*shared/${stem}'`).test(fs.readFileSync(m, 'utf8')))
      expect(importers.length, `${rel}: no page imports it`).toBeGreaterThan(0)
      for (const importer of importers) {
        const route = path.relative(app, importer).match(/^routes\/([^/]+)\//)
        expect(route, `${rel} uses ${beyond.join(', ')}: and is imported by ${path.relative(app, importer)}`).not.toBeNull()
        const loads: readonly string[] = routeNamespaces(`routes/${route![1]}/x`)
        for (const ns of beyond) expect(loads.includes(ns), `${path.relative(app, importer)} loads no ${ns}: for ${rel}`).toBe(true)
      }
    }
  })
})
