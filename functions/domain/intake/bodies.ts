/**
 * Meeting bodies named in reports: whether a piece of text is one, its stage kind, its tidy name and the stage
 * ids made from the names (unique slugs, as `POST /api/runs` accepts them).
 */
import { STAGE_ID } from '../newRun';
import { slug, uniqueIds } from '../slug';
import type { StageKind } from '../runModel';
import { unshout, wordCount } from './reportLines';

/** Words that make a short piece of text a meeting body. */
const BODY_WORD =
  /\b(council|cabinet|committee|sub-committee|board|panel|partnership|scrutiny|working\s+(party|group)|forum|executive|cabs?|csp|commission|assembly|management\s+team|leadership\s+team|cmt|smt|slt|clt|emt|dmt|portfolio\s+holder|cabinet\s+member|lead\s+member|mayor|steering\s+group|task\s+(and|&)\s+finish)\b/i;
/** A line naming a document, not a meeting ("Community Safety Partnership Plan 2017/18"). */
const DOCUMENT_WORD = /\b(plan|strategy|assessment|report|programme|framework|action\s+plan|minutes|agenda|appendix|annex)\b/i;
/** Text that is a sentence, not a name. */
const SENTENCE = /[.;!?]$|\b(is|are|was|were|will|would|has|have|had|be|been|should|must|may|can|this|that|which|these|those)\b/i;

/** Kinds in the order they are tried: the more specific words first ("Cabinet Advisory Board" is advisory). */
const KIND_RULES: Array<[StageKind, RegExp]> = [
  ['working-party', /\bworking\s+(party|group)\b|\btask\s+(and|&)\s+finish\b|\bsteering\s+group\b/i],
  ['scrutiny', /\bscrutiny\b|\bselect\s+committee\b|\bcrime\s+(and|&)\s+disorder\s+committee\b/i],
  ['advisory', /\badvisory\b|\bcabs?\b|\bconsultative\b/i],
  ['board', /\bmanagement\b|\bleadership\s+team\b|\bdirectors\b|\b(cmt|smt|slt|clt|emt|dmt|clb)\b|\bofficers?['’]?\s+(board|group)\b/i],
  ['executive', /\bcabinet\b|\bexecutive\b|\bmayor\b|\bleader\b|\bportfolio\s+holder\b|\b(cabinet|lead|executive)\s+member\b/i],
  // A name ending "Committee" is one, whatever it is about ("Communities and Partnership Committee").
  ['committee', /\b(sub-)?committee(\s*\(.*\))?$/i],
  // "Council", "Full Council", "Kent County Council", "Extraordinary Council meeting".
  ['council', /\bcouncil(\s+meeting)?$|\bfull\s+council\b|\bcouncil\s+(assembly|meeting)\b/i],
  ['partnership', /\bpartnership\b|\bcsp\b/i],
  ['board', /\bboard\b/i],
  ['committee', /\bcommittee\b|\bpanel\b|\bcommission\b|\bforum\b/i],
];

export function stageKindOf(body: string): StageKind {
  return KIND_RULES.find(([, re]) => re.test(body.trim()))?.[0] ?? 'other';
}

export function hasBodyWord(text: string): boolean {
  return BODY_WORD.test(text);
}

/**
 * Short text that could be a body in a timetable cell: a few words, not a sentence, not a document title.
 * `strict` also asks for a body word (Committee, Board, Cabinet...), for text found outside a timetable.
 */
export function looksLikeBody(text: string, strict: boolean): boolean {
  const t = text.trim();
  if (!t || wordCount(t) > 14 || t.length > 160 || !/[A-Za-z]{2}/.test(t)) return false;
  if (SENTENCE.test(t) || /^\d+(\.\d+)*\s/.test(t)) return false;
  if (DOCUMENT_WORD.test(t) && !/\b(committee|board|panel|council|cabinet|group|party)\s*$/i.test(t)) return false;
  return strict ? hasBodyWord(t) : true;
}

/** What the meeting is asked to do, after its name: "(for recommendation)", "– for decision". */
const PURPOSE =
  /\s*(\((for|to)\s+[^)]*\)|[-–—:]\s*(for|to)\s+(decision|recommend\w*|information|note|noting|comment|consultation|approval|approve|adoption|adopt|endorsement|endorse|consideration|scrutiny)\b.*)$/i;

/** Tidy display name: spaces, outer punctuation, purpose, "HEALTH AND WELLBEING BOARD" -> "Health and Wellbeing Board". */
export function tidyBody(text: string): string {
  return unshout(
    text
      .replace(/\s+/g, ' ')
      .replace(PURPOSE, '')
      .replace(/^[\s:–—\-,|*•]+|[\s:–—\-,|*•]+$/g, '')
      .trim(),
  );
}

/** Unique slugs of the bodies: `cabinet`, `cabinet-2`, `overview-scrutiny`; `stage-N` when a name has no letters. */
export function stageIds(bodies: string[]): string[] {
  const bases = bodies.map((body, i) => {
    // Small words dropped first, then the shared slug rules; a cut keeps whole words.
    let base = slug(body.replace(/&/g, ' ').replace(/\b(the|and|of|for)\b/gi, ' '), 200);
    if (base.length > 48) base = base.slice(0, 48).replace(/-[^-]*$/, '') || base.slice(0, 48);
    return base && STAGE_ID.test(base) ? base : `stage-${i + 1}`;
  });
  return uniqueIds(bases);
}
