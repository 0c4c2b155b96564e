// Compiles src/ to JavaScript in `outDir` (as outDir/src/...), file by file,
// with esbuild: what `npm start` runs (src/cli/build.mjs) and what the tests
// that start the service as a process run (test/support/service-build.ts).
//
// File by file is exactly TypeScript's own output here: tsconfig.json has
// isolatedModules and verbatimModuleSyntax, which promise that each file
// compiles alone and that its imports are written as they are. Nothing is
// bundled; imports keep their paths. The types are checked by `npm test`
// (tsc --noEmit), not at every start: `tsc --noCheck` took 5.5 CPU-seconds
// for what esbuild does in well under one.
//
// Plain JavaScript on purpose: it runs before there is a build.
import { readdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

function typeScriptFiles(folder) {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name)
    if (entry.isDirectory()) return typeScriptFiles(full)
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [full] : []
  })
}

/** Compiles every .ts file under src/ into `outDir`; throws with esbuild's messages when one does not parse. */
export function compileService(outDir) {
  // esbuild comes with tsx, a dependency of the service; required from here so it is the project's own copy.
  const esbuild = createRequire(path.join(root, 'package.json'))('esbuild')
  esbuild.buildSync({
    absWorkingDir: root,
    entryPoints: typeScriptFiles(path.join(root, 'src')),
    outdir: outDir,
    outbase: root,
    bundle: false,
    format: 'esm',
    platform: 'node',
    target: 'es2022',
    sourcemap: true,
    tsconfig: path.join(root, 'tsconfig.build.json'),
    logLevel: 'error',
  })
}
