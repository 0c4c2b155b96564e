/**
 * BENCH_MAJOR_GC_PROFILE=/tmp/x.heapprofile: loaded into the service (`node --import`), this samples the allocations of
 * objects that die in full (major) collections only: what reached the old generation, promoted or allocated there
 * directly, and then became garbage. That is what makes the full collections under load, which the review page's tail
 * came back to (docs/performance.md, session 19). Written when the service gets SIGTERM (the harness stops it so); open
 * it in Chrome's DevTools (Memory, "Load profile"). Needs Node 22 or later (V8's includeObjectsCollectedByMajorGC).
 */
import { writeFileSync } from 'node:fs'
import { Session } from 'node:inspector'

const file = process.env.BENCH_MAJOR_GC_PROFILE
const major = Number(process.versions.node.split('.')[0])
if (file && major < 22) {
  process.stderr.write(`BENCH_MAJOR_GC_PROFILE needs Node 22 or later (this is ${process.version}); nothing is sampled\n`)
} else if (file) {
  const session = new Session()
  session.connect()
  session.post('HeapProfiler.enable')
  session.post('HeapProfiler.startSampling', { samplingInterval: 8192, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: false })
  // The in-process inspector answers before post() returns, so the file is written before the service's own handler exits.
  process.on('SIGTERM', () => {
    session.post('HeapProfiler.stopSampling', (error, result) => {
      if (!error) writeFileSync(file, JSON.stringify(result.profile))
    })
  })
}
