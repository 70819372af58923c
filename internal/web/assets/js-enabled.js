// Runs as the body starts, before it is drawn, so styles for JavaScript
// (.js-enabled) apply from the first paint. It is a file, not an inline
// script, because the Content-Security-Policy forbids inline script.
document.body.classList.add('js-enabled')
