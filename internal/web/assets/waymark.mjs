// Browsers run module scripts only if they support ES modules, which is
// GOV.UK Frontend's test of whether a browser can run its JavaScript. So this
// module, not an inline script, marks the body as supported, then starts the
// GOV.UK and MOJ components. Without it every page still works.
import { initAll as initGovUK } from './vendor/govuk-frontend/govuk-frontend.min.js'
import { initAll as initMoJ } from './vendor/moj-frontend/moj-frontend.min.js'

document.body.classList.add('govuk-frontend-supported')
initGovUK()
initMoJ()
