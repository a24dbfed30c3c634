/** The pages' own addresses of a run and of one of its sign-offs, built in one place. */
export const runHref = (runId: string): string => `/runs/${encodeURIComponent(runId)}`;

export const signoffHref = (runId: string, signoffId: string): string => `${runHref(runId)}/signoffs/${encodeURIComponent(signoffId)}`;

/** A decision's notice (`ref` as `decisionRefOf` makes it: `cabinet-1`). */
export const decisionHref = (runId: string, ref: string): string => `${runHref(runId)}/decisions/${encodeURIComponent(ref)}`;
