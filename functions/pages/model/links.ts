/** The pages' own addresses of a run and of one of its sign-offs, built in one place. */
export const runHref = (runId: string): string => `/runs/${encodeURIComponent(runId)}`;

export const signoffHref = (runId: string, signoffId: string): string => `${runHref(runId)}/signoffs/${encodeURIComponent(signoffId)}`;
