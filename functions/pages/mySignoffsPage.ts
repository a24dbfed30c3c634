/** `GET /signoffs`: the signed-in officer's open sign-offs, soonest due first, each with a button to answer it. */
import { now } from '../platform/clock';
import { openSignoffsOf } from '../store/officerSignoffs';
import { mySignoffRows } from './model/mySignoffs';
import { pageHandler } from './pageHandler';
import { loadRuns } from '../actions/readRuns';

export const handler = pageHandler({ name: 'MySignoffsPage', nav: 'signoffs' }, async ({ actor }) => {
  const keys = await openSignoffsOf(actor.email);
  const runs = await loadRuns([...new Set(keys.map((k) => k.runId))]);
  const rows = mySignoffRows(keys, new Map(runs.map((r) => [r.meta.runId, r])), actor.email, now());
  return { view: 'mySignoffs', context: { title: 'My sign-offs', rows } };
});
