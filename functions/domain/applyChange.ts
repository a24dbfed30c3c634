/**
 * What a change does to a run, as a pure function: the meaning the DynamoDB writes of `store/applyChanges.ts`
 * must have. Used to simulate whole runs without servers (and to check the store against it).
 * Returns the snapshot unchanged when the change's condition does not hold (someone else already made it).
 */
import type { Change } from './runChanges';
import type { RunSnapshot } from './runModel';

export function applyChange(s: RunSnapshot, change: Change): RunSnapshot {
  const meta = s.meta;
  switch (change.kind) {
    case 'setSignoffDue':
      return {
        ...s,
        signoffs: s.signoffs.map((so) => (so.id === change.signoffId && so.round === change.round ? { ...so, dueBy: change.dueBy } : so)),
      };
    case 'askSignoffAgain':
      return {
        ...s,
        signoffs: s.signoffs.map((so) =>
          so.id === change.signoffId && so.round === change.fromRound
            ? {
                ...so,
                round: so.round + 1,
                revision: change.revision,
                dueFor: change.dueFor,
                dueBy: change.dueBy,
                status: 'requested',
                requestedAt: change.at,
                answeredAt: undefined,
                signedAt: undefined,
                comment: undefined,
                answeredBy: undefined,
                answeredAs: undefined,
              }
            : so,
        ),
      };
    case 'addSignoff':
      if (s.signoffs.some((so) => so.id === change.signoff.id)) return s;
      return { ...s, signoffs: [...s.signoffs, change.signoff] };
    case 'addRevision':
      if (s.revisions.some((r) => r.n === change.revision.n)) return s;
      return { ...s, revisions: [...s.revisions, change.revision] };
    case 'markRevisionsApplied':
      if (meta.revisionsApplied !== change.from) return s;
      return {
        ...s,
        meta: { ...meta, revisionsApplied: change.to, awaitingRevision: change.clearAwaiting ? false : meta.awaitingRevision, version: meta.version + 1 },
      };
    case 'addStage':
      if (s.stages.some((st) => st.index === change.stage.index)) return s;
      return { ...s, stages: [...s.stages, change.stage].sort((a, b) => a.index - b.index) };
    case 'rescheduleStage':
      return {
        ...s,
        stages: s.stages.map((st) => (st.index === change.stageIndex ? { ...st, meetingDate: change.meetingDate, publishBy: change.publishBy } : st)),
      };
    case 'moveCursor':
      if (meta.status !== 'running' || meta.cursor.round !== change.from.round) return s;
      return { ...s, meta: { ...meta, cursor: change.to, awaitingRevision: change.awaitingRevision, version: meta.version + 1 } };
    case 'finish':
      if (meta.status !== 'running' || meta.cursor.round !== change.round) return s;
      return { ...s, meta: { ...meta, status: change.status, finishedAt: change.at, version: meta.version + 1 } };
  }
}
