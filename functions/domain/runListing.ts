/**
 * A run in the runs list (docs/API.md "Runs list, paginated"), served from the byStatus index without reading
 * the run's other items. The run's META item carries:
 * - `listing`: the parts of the run that the list, the dashboard and the meetings and sign-off pages show (its
 *   stages, its sign-offs without comments, its decisions without their minutes), rewritten from the in-memory
 *   snapshot every time the run is touched;
 * - flat, lower-case attributes the list filters on (FilterExpressions): `lAuthor`, `lOfficers`, `lBodies`,
 *   `lWords`.
 * RAG, the next deadline and the stage statuses depend on the clock: they are never stored, but computed when
 * the list is read, from those stored dates, by the same pure rules as a run's own page (`assessRun`,
 * `runSummary`). So a list read a day later shows a sign-off late without anything having been written.
 */
import { z } from 'zod';
import { invalid } from './errors';
import { decisionSchema, isUnicodeText, NOT_UNICODE, runStatusSchema, signoffSchema, stageSchema, type RunMeta, type RunSnapshot } from './runModel';
import { assessRun, type RiskStatus } from './runRisk';
import { runSummary } from './runView';
import { slug } from './slug';

export const LIST_LIMIT_DEFAULT = 50;
export const LIST_LIMIT_MAX = 200;
/** At most this many words in `q` (each one a condition on the index page). */
export const LIST_QUERY_WORDS_MAX = 10;

export const listingSchema = z.object({
  stages: z.array(stageSchema),
  signoffs: z.array(signoffSchema),
  decisions: z.array(decisionSchema),
});
export type Listing = z.infer<typeof listingSchema>;

/** Lower-case words of a text: letters and digits, anything else separates ("2017/18" is "2017" and "18"). */
export function wordsOf(text: string): string[] {
  return [...new Set(text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean))];
}

/**
 * A body's id as the calendar spells them (`[a-z0-9-]`, the shared slug rule), from its name: "Full Council" ->
 * "full-council". Accents are dropped first ("Comité Général" -> "comite-general").
 */
export function bodyIdOf(name: string): string {
  return slug(name.normalize('NFKD').replace(/\p{M}+/gu, ''), 64);
}

/** The listing attributes of META for this run (written with every touch). */
export function listingOf(snapshot: Pick<RunSnapshot, 'meta' | 'stages' | 'signoffs' | 'decisions'>) {
  const listing: Listing = {
    stages: snapshot.stages,
    signoffs: snapshot.signoffs.map((so) => ({ ...so, comment: null })),
    decisions: snapshot.decisions.map((d) => ({ ...d, resolution: null })),
  };
  const bodies = new Set<string>();
  for (const stage of snapshot.stages) {
    bodies.add(stage.body.toLowerCase());
    if (bodyIdOf(stage.body)) bodies.add(bodyIdOf(stage.body));
    const bodyId = (stage as { bodyId?: unknown }).bodyId;
    if (typeof bodyId === 'string') bodies.add(bodyId.toLowerCase());
  }
  return {
    listing,
    lAuthor: snapshot.meta.plan.author.email.toLowerCase(),
    lOfficers: [...new Set(snapshot.signoffs.map((so) => so.officer.email.toLowerCase()))],
    lBodies: [...bodies],
    lWords: wordsOf(snapshot.meta.plan.title),
  };
}
export type ListingAttributes = ReturnType<typeof listingOf>;

/** The run as the list knows it, from META and its listing: no events, revisions or e-mail guards. */
export function listedSnapshot(meta: RunMeta, listing: Listing): RunSnapshot {
  return { meta, stages: listing.stages, signoffs: listing.signoffs, decisions: listing.decisions, revisions: [], sentEmails: new Set(), events: [] };
}

const ragOf: Record<RiskStatus, 'green' | 'amber' | 'red'> = { 'on-track': 'green', 'at-risk': 'amber', late: 'red' };

/**
 * One run of `GET /api/runs` (docs/API.md "Runs list, paginated"), as of `now`. The contract's fields have the
 * contract's shapes exactly: `nextDeadline` `{date, what}`|null, `signoffs` `{signed, required}`, `rag`
 * `{status, reasons}`. Every field the list answered before is kept: the two the contract reshapes are added
 * under new names (`wakeAt`, the next time the workflow wakes, was `nextDeadline`; `signoffList` was `signoffs`),
 * and what the list knows beyond the contract is added beside it, never inside the contract's objects.
 */
export function runListItem(snapshot: RunSnapshot, now: Date) {
  const { nextDeadline: wakeAt, signoffs: signoffList, ...summary } = runSummary(snapshot, now);
  const risk = assessRun(snapshot, now);
  const deadline = risk.nextDeadline;
  return {
    ...summary,
    nextDeadline: deadline ? { date: deadline.date, what: deadline.what } : null,
    nextDeadlineKind: deadline?.kind ?? null,
    nextDeadlineMissed: deadline?.missed ?? false,
    wakeAt,
    nextMeeting: risk.nextMeeting,
    signoffs: {
      signed: snapshot.signoffs.filter((so) => so.status === 'signed').length,
      required: snapshot.signoffs.length,
    },
    signoffList,
    rag: { status: ragOf[risk.status], reasons: risk.reasons },
    needsAttention: risk.needsAttention,
  };
}
export type RunListItem = ReturnType<typeof runListItem>;

// An empty parameter is no filter: a form's empty field means "any".
const blankIsNone = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const text = (max: number) => z.preprocess(blankIsNone, z.string().refine(isUnicodeText, NOT_UNICODE).trim().max(max).optional());

export const runListQuerySchema = z.object({
  status: z.preprocess(blankIsNone, runStatusSchema.optional()),
  body: text(200),
  author: text(254),
  officer: text(254),
  q: text(300).refine((q) => !q || wordsOf(q).length <= LIST_QUERY_WORDS_MAX, `At most ${LIST_QUERY_WORDS_MAX} words`),
  limit: z.preprocess(blankIsNone, z.coerce.number().int().min(1).max(LIST_LIMIT_MAX).default(LIST_LIMIT_DEFAULT)),
  cursor: text(4096),
});
export type RunListQuery = z.infer<typeof runListQuerySchema>;

/** What the index is asked: every value lower case, the title's words split as they were stored. */
export interface RunListFilter {
  body?: string;
  author?: string;
  officer?: string;
  words?: string[];
  /** Only runs this person is named on (author or officer): callers who may not read every run. */
  namedOn?: string;
  /** Only key decisions (the forward plan). */
  keyDecision?: true;
}

export function runListFilter(query: Pick<RunListQuery, 'body' | 'author' | 'officer' | 'q'>): RunListFilter {
  const words = query.q ? wordsOf(query.q) : [];
  if (words.length > LIST_QUERY_WORDS_MAX) throw invalid(`Search for at most ${LIST_QUERY_WORDS_MAX} words`, { q: `At most ${LIST_QUERY_WORDS_MAX} words` });
  return {
    ...(query.body ? { body: query.body.toLowerCase() } : {}),
    ...(query.author ? { author: query.author.toLowerCase() } : {}),
    ...(query.officer ? { officer: query.officer.toLowerCase() } : {}),
    ...(words.length ? { words } : {}),
  };
}
