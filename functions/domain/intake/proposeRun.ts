/**
 * Report intake: a committee report's text -> the body of `POST /api/runs` for the clerk to check, the warnings
 * that say what the report left out (and the default used), and for every proposed field the line it came from.
 * Pure: the caller passes today's date (for "meeting already past" warnings).
 */
import { z } from 'zod';
import { compareDates, isoDateSchema, type IsoDate } from '../calendar';
import { clearDaysSchema, publishBy, type ClearDays } from '../computeDeadlines';
import { newRunInputSchema } from '../newRun';
import { classificationSchema, stageKindSchema, type StageKind } from '../runModel';
import { stageIds, stageKindOf } from './bodies';
import { directoryEntryFor, nameForInitials, type DirectoryEntry } from './directory';
import { findImplications } from './implications';
import { emailFor } from './people';
import { findAuthor, findClassification, findKeyDecision, findTitle } from './planFields';
import { filledCells, isBlank, reportLines, type ReportLine } from './reportLines';
import { findStages } from './timetable';

const proposedPersonSchema = z.object({
  name: z.string(),
  /** '' when the report gives no address: `POST /api/runs` needs one. */
  email: z.string(),
});

export const runProposalSchema = z.object({
  plan: z.object({
    title: z.string(),
    author: proposedPersonSchema,
    keyDecision: z.boolean(),
    classification: classificationSchema,
  }),
  clearDays: clearDaysSchema,
  stages: z.array(
    z.object({
      id: z.string(),
      body: z.string(),
      kind: stageKindSchema,
      /** '' when the report gives no date. */
      meetingDate: z.union([isoDateSchema, z.literal('')]),
    }),
  ),
  signoffs: z.array(z.object({ area: z.string(), officer: proposedPersonSchema, requiredBefore: z.string().optional() })),
});
export type RunProposal = z.infer<typeof runProposalSchema>;

/** Where a field came from: the 1-based line number and that line exactly as given. */
export const sourceSchema = z.object({ line: z.number().int().min(1), text: z.string() });
export type Source = z.infer<typeof sourceSchema>;

export const intakeAnswerSchema = z.object({
  run: runProposalSchema,
  /** What the report left out or left unclear, each starting with the field it concerns. */
  warnings: z.array(z.string()),
  /** Keyed by field path as in `run` (`plan.title`, `stages.0.meetingDate`, `signoffs.2.officer.name`). */
  sources: z.record(z.string(), sourceSchema),
});
export type IntakeAnswer = z.infer<typeof intakeAnswerSchema>;

/** The clear days `POST /api/runs` assumes when a body names none (the report never says). */
export const DEFAULT_CLEAR_DAYS: ClearDays = newRunInputSchema.shape.clearDays.parse(undefined);
const MAX_STAGES = 30;
const MAX_SIGNOFFS = 100;

/** Stage kinds that take the decision, in the order a sign-off without a date is put before. */
const DECIDING_KINDS: StageKind[] = ['executive', 'committee', 'council'];

type ProposedStage = RunProposal['stages'][number];

/**
 * The stage a sign-off must be given before: the first stage whose publication deadline is on or after the
 * day it was signed (it was given for that publication); signed after every deadline, the first meeting
 * after that day. Undated: the first executive stage (else committee, else council, else the first stage).
 */
export function requiredBeforeFor(
  signedOn: IsoDate | undefined,
  stages: ProposedStage[],
  clearDays: ClearDays,
): { id: string; by: 'publication' | 'meeting' | 'default' } | undefined {
  if (!stages.length) return undefined;
  const dated = stages.filter((s): s is ProposedStage & { meetingDate: IsoDate } => s.meetingDate !== '');
  if (signedOn) {
    const published = dated.find((s) => compareDates(signedOn, publishBy(s.meetingDate, clearDays)) <= 0);
    if (published) return { id: published.id, by: 'publication' };
    const met = dated.find((s) => compareDates(signedOn, s.meetingDate) < 0);
    if (met) return { id: met.id, by: 'meeting' };
  }
  for (const kind of DECIDING_KINDS) {
    const stage = stages.find((s) => s.kind === kind);
    if (stage) return { id: stage.id, by: 'default' };
  }
  return { id: stages[0].id, by: 'default' };
}

export interface ProposeOptions {
  today: IsoDate;
  /** The people directory, when the caller has one: fills the e-mail addresses of officers the report names. */
  directory?: DirectoryEntry[];
}

export function proposeRun(text: string, opts: ProposeOptions): IntakeAnswer {
  const directory = opts.directory ?? [];
  /** An address from the directory for a named person, with the warning that says where it came from. */
  const fromDirectory = (field: string, name: string): string => {
    const entry = name ? directoryEntryFor(name, directory) : undefined;
    if (!entry) return '';
    warnings.push(`${field}: the report gives no e-mail address for ${name}; ${entry.email} taken from the people directory (${entry.name})`);
    return entry.email.toLowerCase();
  };
  const lines = reportLines(text);
  const warnings: string[] = [];
  const sources: Record<string, Source> = {};
  const cite = (field: string, line: ReportLine | undefined) => {
    if (line) sources[field] = { line: line.n, text: line.raw };
  };

  // Plan.
  const title = findTitle(lines);
  const firstLine = lines.find((l) => !isBlank(l));
  let planTitle = title?.value ?? '';
  if (title) cite('plan.title', title.line);
  else if (firstLine) {
    planTitle = filledCells(firstLine).join(' ').slice(0, 300);
    cite('plan.title', firstLine);
    warnings.push('plan.title: no line looks like the plan title; the first line of the report was used');
  } else warnings.push('plan.title: the report is empty; give the plan a title');

  const author = findAuthor(lines);
  const authorPerson = { name: author?.person.name ?? '', email: author?.person.email ?? '' };
  if (author) {
    cite('plan.author.name', author.line);
    cite('plan.author.email', author.emailLine);
  } else {
    warnings.push('plan.author: the report names no author (no "Author", "Report Author", "Lead Officer" or "Contact Officer"); name one');
  }
  if (author && !authorPerson.email) authorPerson.email = fromDirectory('plan.author.email', authorPerson.name);
  if (author && !authorPerson.email) warnings.push(`plan.author.email: the report gives no e-mail address for ${authorPerson.name}; add it`);

  const key = findKeyDecision(lines);
  let keyDecision = false;
  if (key && 'value' in key) {
    keyDecision = key.value;
    cite('plan.keyDecision', key.line);
  } else if (key) {
    cite('plan.keyDecision', key.line);
    warnings.push(`plan.keyDecision: the report says "${key.unclear}", neither yes nor no; not a key decision (false) assumed`);
  } else {
    warnings.push('plan.keyDecision: the report does not say whether this is a key decision; not a key decision (false) assumed');
  }

  const classified = findClassification(lines);
  if (classified) cite('plan.classification', classified.line);
  else warnings.push('plan.classification: the report gives no classification and no exempt or confidential marking; public assumed');

  // Stages.
  const found = findStages(lines, { titleLine: title?.line.n });
  const findings = found.stages.slice(0, MAX_STAGES);
  if (found.stages.length > MAX_STAGES) warnings.push(`stages: the report lists ${found.stages.length} meetings; only the first ${MAX_STAGES} are proposed`);
  const ids = stageIds(findings.map((s) => s.body));
  const stages: ProposedStage[] = findings.map((s, i) => ({ id: ids[i], body: s.body.slice(0, 200), kind: stageKindOf(s.body), meetingDate: s.meetingDate }));
  findings.forEach((s, i) => {
    cite(`stages.${i}.body`, s.bodyLine);
    cite(`stages.${i}.kind`, s.bodyLine);
    cite(`stages.${i}.meetingDate`, s.dateLine);
    const at = `stages.${i}.meetingDate`;
    if (!s.meetingDate) warnings.push(`${at}: the report gives no date for ${s.body}; add it`);
    else {
      if (s.yearAssumed) warnings.push(`${at}: the report gives no year for ${s.body}; ${s.yearAssumed} assumed`);
      if (compareDates(s.meetingDate, opts.today) < 0) warnings.push(`${at}: ${s.meetingDate} (${s.body}) is in the past (today is ${opts.today}); a run needs meetings from today on`);
      const previous = stages.slice(0, i).reverse().find((p) => p.meetingDate);
      if (previous?.meetingDate && compareDates(s.meetingDate, previous.meetingDate) < 0) {
        warnings.push(`${at}: ${s.body} meets before ${previous.body} (${previous.meetingDate}), the stage listed before it; put the stages in meeting order`);
      }
    }
    if (stages[i].kind === 'other') warnings.push(`stages.${i}.kind: "${s.body}" is no body Ratify knows by name; "other" used`);
  });
  if (found.addedDecisionMaker) {
    const i = findings.indexOf(found.addedDecisionMaker);
    if (i >= 0) warnings.push(`stages.${i}: ${found.addedDecisionMaker.body} is named as the decision-maker but is in no timetable; added as the last stage`);
  }
  for (const s of found.fromSentences ?? []) {
    const i = findings.indexOf(s);
    if (i >= 0) warnings.push(`stages.${i}: ${s.body} is named only in a sentence of the report (line ${s.bodyLine.n}); check that the report goes there`);
  }
  if (!stages.length) {
    warnings.push('stages: no timetable and no meeting found in the report (no "Timetable", "Meeting", "Report to" or "Date of meeting"); add the stages or name a route');
  }

  // Sign-offs.
  const firstYear = stages.find((s) => s.meetingDate)?.meetingDate.slice(0, 4);
  const implications = findImplications(lines, firstYear ? Number(firstYear) : undefined);
  const signoffFindings = implications.findings.slice(0, MAX_SIGNOFFS);
  // Initials stand for the one person the report names with them (the author, an officer of another row).
  const named = [authorPerson.name, ...signoffFindings.map((f) => f.officer?.name ?? '')].filter(Boolean);
  const signoffs: RunProposal['signoffs'] = signoffFindings.map((f, i) => {
    const at = `signoffs.${i}`;
    cite(`${at}.area`, f.areaLine);
    if (!f.officer && f.initials) {
      const name = nameForInitials(f.initials, named);
      if (name) {
        f.officer = { name, ...(name === authorPerson.name && authorPerson.email ? { email: authorPerson.email } : {}) };
        warnings.push(`${at}.officer: ${f.area} is signed with the initials ${f.initials}, read as ${name}, the one person the report names with them; check it`);
      } else {
        warnings.push(`${at}.officer: ${f.area} is signed with the initials ${f.initials} only, which name no one (or several) in the report; name the officer`);
      }
    }
    let email = f.officer?.email ?? '';
    if (f.officer) {
      cite(`${at}.officer.name`, f.officerLine);
      if (email) cite(`${at}.officer.email`, f.officerLine);
      else {
        const elsewhere = emailFor(f.officer.name, lines);
        if (elsewhere) {
          email = elsewhere.email;
          cite(`${at}.officer.email`, lines[elsewhere.line]);
        }
      }
      if (!email) email = fromDirectory(`${at}.officer.email`, f.officer.name);
      if (!email) warnings.push(`${at}.officer.email: the report gives no e-mail address for ${f.officer.name} (${f.area}); add it`);
    } else if (!f.initials) {
      warnings.push(`${at}.officer: the report names no officer for ${f.area}; name one (with an e-mail address) or remove this sign-off`);
    }
    const before = requiredBeforeFor(f.signedOn, stages, DEFAULT_CLEAR_DAYS);
    if (before?.by === 'publication' || before?.by === 'meeting') cite(`${at}.requiredBefore`, f.officerLine);
    if (before?.by === 'default' && stages.length > 1) {
      const stage = stages.find((s) => s.id === before.id)!;
      warnings.push(`${at}.requiredBefore: the report gives no date for the ${f.area} sign-off; required before ${stage.body} assumed`);
    }
    return { area: f.area, officer: { name: f.officer?.name ?? '', email }, ...(before ? { requiredBefore: before.id } : {}) };
  });
  if (implications.findings.length > MAX_SIGNOFFS) warnings.push(`signoffs: only the first ${MAX_SIGNOFFS} sign-offs are proposed`);
  if (implications.addedFromConsultation) {
    warnings.push(
      `signoffs: ${implications.addedFromConsultation} officer(s) listed as consulted match no implication and were proposed as sign-offs of their own; remove any that need not sign`,
    );
  }
  for (const { kept, dropped } of implications.merged) {
    const i = signoffFindings.indexOf(kept);
    if (i < 0) continue;
    const also = dropped.officer && dropped.officer.name !== kept.officer?.name ? `; ${dropped.officer.name}, named on the second, is not asked to sign` : '';
    warnings.push(
      `signoffs.${i}.area: "${kept.area}" (line ${kept.areaLine.n}) and "${dropped.area}" (line ${dropped.areaLine.n}) are the same area; merged into one sign-off${also}`,
    );
  }
  for (const f of implications.notRelevant) {
    warnings.push(`signoffs: ${f.area} (line ${f.areaLine.n}) is marked as not relevant to the report; no sign-off proposed for it`);
  }
  if (!signoffs.length) warnings.push('signoffs: no implications or sign-off table found in the report; no sign-offs proposed');

  return {
    run: {
      plan: { title: planTitle, author: authorPerson, keyDecision, classification: classified?.value ?? 'public' },
      clearDays: DEFAULT_CLEAR_DAYS,
      stages,
      signoffs,
    },
    warnings,
    sources,
  };
}
