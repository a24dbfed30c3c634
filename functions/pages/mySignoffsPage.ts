/**
 * `GET /signoffs`: the signed-in officer's open sign-offs, soonest due first, each with a button to answer it:
 * the byOfficer index, then each run's META item (its listing), never the runs' other items.
 */
import { now } from '../platform/clock';
import { openSignoffsOf } from '../store/officerSignoffs';
import { mySignoffRows } from './model/mySignoffs';
import { pageHandler } from './pageHandler';
import { listedRunsOf } from '../actions/readRuns';

export const handler = pageHandler({ name: 'MySignoffsPage', nav: 'signoffs' }, async ({ actor }) => {
  const keys = await openSignoffsOf(actor.email);
  const runs = await listedRunsOf(actor, keys.map((k) => k.runId));
  const rows = mySignoffRows(keys, new Map(runs.map((r) => [r.meta.runId, r])), actor.email, now());
  return { view: 'mySignoffs', context: { title: 'My sign-offs', rows } };
});
