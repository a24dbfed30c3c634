// GOV.UK Frontend's JavaScript, started the way its page template does, from a file (the pages' content security
// policy allows no inline script). A module runs only where GOV.UK Frontend is supported; elsewhere the pages
// keep working without JavaScript.
import { initAll } from '/assets/govuk-frontend.min.js';

document.body.classList.add('js-enabled', 'govuk-frontend-supported');
initAll();
