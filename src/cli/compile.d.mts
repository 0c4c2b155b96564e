/** See compile.mjs: compiles src/ into `outDir` (as outDir/src/...), file by file. */
export function compileService(outDir: string): void
