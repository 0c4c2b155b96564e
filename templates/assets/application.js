// Starts nhsuk-frontend's components (header menu, error summary focus, ...).
// Loaded as a module, so browsers too old for nhsuk-frontend's JavaScript skip it
// and every page keeps working without it.
import { initAll } from './nhsuk-frontend.min.js'

initAll()
