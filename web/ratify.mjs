// GOV.UK Frontend's JavaScript, started the way its page template does, from a file (the pages' content security
// policy allows no inline script). A module runs only where GOV.UK Frontend is supported; elsewhere the pages
// keep working without JavaScript.
import { initAll } from '/assets/govuk-frontend.min.js';

document.body.classList.add('js-enabled', 'govuk-frontend-supported');
initAll();

// Forms marked `data-ratify-live` re-render in place: a button that only changes the form (add or remove a row,
// find dates, use a route, fill in officers) is sent as the same POST the page takes without JavaScript, and the
// answer's form replaces this one, so nothing reloads and what was typed stays. The button that does the work
// ("Start run", `value="start"`) submits normally. Any failure falls back to a normal submission.
const LIVE = 'form[data-ratify-live]';

function focusAfterSwap(form, action) {
  const row = /^add-(stage|signoff)$/.exec(action);
  if (row) {
    const rows = form.querySelectorAll(row[1] === 'stage' ? '[id^="stage-"] input[type="text"]' : '[id^="signoff-"] input[type="text"]');
    const last = [...rows].filter((input) => /-(body|area)$/.test(input.id)).pop();
    if (last) return last.focus();
  }
  const same = action && form.querySelector(`button[value="${CSS.escape(action)}"]`);
  same?.focus();
}

async function rerender(form, submitter) {
  const body = new URLSearchParams(new FormData(form, submitter));
  // Not `form.action`: the form's own `action` buttons shadow that property.
  const res = await fetch(form.getAttribute('action') ?? location.pathname, { method: 'POST', body, headers: { accept: 'text/html' }, credentials: 'same-origin', redirect: 'manual' });
  if (res.type === 'opaqueredirect' || !res.headers.get('content-type')?.includes('text/html')) throw new Error('not a form');
  const doc = new DOMParser().parseFromString(await res.text(), 'text/html');
  const main = document.getElementById('main-content');
  const next = doc.getElementById('main-content');
  if (!main || !next?.querySelector(LIVE)) throw new Error('no form in the answer');
  // The whole of <main>: the form and the error summary above it (the layout puts it there).
  main.replaceChildren(...next.childNodes);
  document.title = doc.title;
  initAll({ scope: main });
  const fresh = main.querySelector(LIVE);
  const problem = main.querySelector('.govuk-error-summary');
  const status = document.getElementById('ratify-live-status');
  if (status) status.textContent = problem ? 'There is a problem: see the list of errors' : 'The form is updated';
  // The error summary focuses itself when GOV.UK Frontend starts it.
  if (!problem) focusAfterSwap(fresh, submitter.value);
}

document.addEventListener('submit', (event) => {
  const form = event.target.closest?.(LIVE);
  const submitter = event.submitter;
  if (!form || !submitter || submitter.name !== 'action' || submitter.value === 'start') return;
  event.preventDefault();
  rerender(form, submitter).catch(() => {
    // Whatever went wrong, the page still works as it does without JavaScript.
    form.removeAttribute('data-ratify-live');
    form.requestSubmit(submitter);
  });
});
