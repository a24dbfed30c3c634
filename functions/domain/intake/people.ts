/**
 * People named in reports: "Keith Trowell, Senior Lawyer (Corporate Governance) 03 March 2017",
 * "Terry Hughes – Community Safety Manager", "Jessica Bailey Community Safety Team Leader, 57737",
 * "Head of Legal: Jane Smith", "Cllr J. O'Brien". A name is two to four capitalised words (initials allowed);
 * without a separator the name stops at the first word of a job title.
 */
import { findDates, withoutDates } from './dates';

export interface NamedPerson {
  name: string;
  role?: string;
  email?: string;
}

export const EMAIL = /[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+/;

const HONORIFIC = /^(cllr\.?|councillor|mr\.?|mrs\.?|ms\.?|miss|mx\.?|dr\.?|prof\.?|professor|sir|dame|rev\.?|the)\s+/i;
const LEAD_IN =
  /^(signed[- ]off\s+by|sign[- ]off|comments?\s+(by|from)|checked\s+by|approved\s+by|cleared\s+by|agreed\s+by|reviewed\s+by|prepared\s+by|written\s+by|name|officer|contact(\s+officer)?|author|by)\s*[:\-–]?\s+/i;

const TRAILING_LABELS = /\s+(date|dated|signed|tel|telephone|phone|mobile|e-?mail|ext|extension)\b\s*[.:]?(\s.*)?$/i;

/** Words of job titles, teams and places: a name never contains one. */
const ROLE_WORDS = new Set(
  (
    'head heads manager managers officer officers director directors lawyer solicitor barrister leader team assistant deputy chief ' +
    'executive senior principal lead service services community communities safety finance financial legal democratic corporate ' +
    'policy accountant advisor adviser coordinator co-ordinator partnership strategic group borough council county district portfolio ' +
    'holder cabinet member monitoring section interim acting commissioner analyst equalities equality communications specialist ' +
    'consultant governance committee planning engineer surveyor clerk secretary chair chairman chairperson vice mayor unit department ' +
    'directorate property resources human hr ict digital environmental environment housing health public strategy performance ' +
    'improvement business operations programme project budget revenue benefits customer economic development regeneration safer ' +
    'neighbourhoods neighbourhood wellbeing audit risk insurance procurement contracts estates assets information data protection ' +
    'records scrutiny overview support administrator admin technical regulatory licensing enforcement transport highways leisure ' +
    'culture tourism children adult adults social care education learning skills workforce people organisational transformation change ' +
    'pensions payroll treasury exchequer accounts accountancy s151 monitoring-officer external internal funding value money west east ' +
    'north south central joint shared kent and of for the'
  ).split(' '),
);

const NAME_TOKEN = /^(?:[A-Z][a-z]*\.?|[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)*|(?:Mc|Mac|O['’]|D['’])[A-Z][a-z]+|[A-Z]{2,}(?:[-'’][A-Z]+)?)$/;
const PARTICLE = /^(de|da|di|du|van|von|der|den|le|la|bin|ibn|al)$/;

function isNameToken(token: string): boolean {
  return NAME_TOKEN.test(token) && !ROLE_WORDS.has(token.toLowerCase().replace(/\.$/, ''));
}

/** "KEITH TROWELL" -> "Keith Trowell"; mixed case is kept as written. */
function nameCase(token: string): string {
  if (token.length > 1 && token === token.toUpperCase() && /[A-Z]{2}/.test(token)) {
    return token.toLowerCase().replace(/(^|[-'’])([a-z])/g, (_, sep: string, c: string) => sep + c.toUpperCase());
  }
  return token;
}

/** The name at the start of `text` (2-4 name words, particles allowed inside), and where it ends. */
function leadingName(text: string): { name: string; rest: string } | undefined {
  const stripped = text.replace(HONORIFIC, '');
  const tokens = stripped.split(/\s+/).filter(Boolean);
  const taken: string[] = [];
  for (const token of tokens) {
    const clean = token.replace(/[,;:]$/, '');
    if (taken.length >= 4) break;
    if (isNameToken(clean) || (taken.length > 0 && PARTICLE.test(clean))) {
      taken.push(clean);
      if (clean !== token) break; // "Smith," ends the name
    } else {
      break;
    }
  }
  while (taken.length && PARTICLE.test(taken[taken.length - 1])) taken.pop();
  if (!plausibleName(taken)) return undefined;
  return { name: taken.map(nameCase).join(' '), rest: tokens.slice(taken.length).join(' ') };
}

/** At least two words, ending in a surname rather than an initial. */
function plausibleName(tokens: string[]): boolean {
  return tokens.length >= 2 && !/^[A-Z]\.?$/.test(tokens[tokens.length - 1]);
}

/**
 * The whole of `text` as a name, when a separator says where the name ends ("Rosa Parks, Head of ..."): one
 * word that could be a job title is then allowed, but not as the first word ("Senior Lawyer" is no one).
 */
function wholeName(text: string): string | undefined {
  const tokens = text.replace(HONORIFIC, '').split(/\s+/).filter(Boolean);
  if (tokens.length > 4 || !plausibleName(tokens)) return undefined;
  const isRole = (t: string) => ROLE_WORDS.has(t.toLowerCase().replace(/\.$/, ''));
  if (!tokens.every((t, i) => NAME_TOKEN.test(t) || (i > 0 && PARTICLE.test(t)))) return undefined;
  if (isRole(tokens[0]) || tokens.filter(isRole).length > 1) return undefined;
  return tokens.map(nameCase).join(' ');
}

function tidyRole(role: string): string | undefined {
  const r = role
    .replace(EMAIL, ' ')
    .replace(/\b(tel|telephone|phone|ext|extension)\b\.?:?/gi, ' ')
    .replace(/\(?\+?\d[\d\s()-]{3,}\d\)?/g, ' ')
    .replace(/^[\s,;:–—-]+|[\s,;:–—-]+$/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  const open = (r.match(/\(/g) ?? []).length;
  const close = (r.match(/\)/g) ?? []).length;
  // Brackets balanced again after cutting a date or phone number out: "(Corporate Governance" -> "(...)".
  const balanced = open > close ? `${r})` : close > open ? r.replace(/\)$/, '').trim() : r;
  return balanced ? balanced.replace(/^\(([^()]*)\)$/, '$1') : undefined;
}

/** The person a piece of text names, with role and e-mail when given; undefined if it names nobody. */
export function parsePerson(input: string): NamedPerson | undefined {
  const email = EMAIL.exec(input)?.[0];
  let text = withoutDates(input.replace(EMAIL, ' '), findDates(input.replace(EMAIL, ' ')))
    .replace(/\s+/g, ' ')
    .trim();
  // "Name: Jane Smith Date: 01/02/2017 Tel: ...": what follows such a label is not the person.
  text = text.replace(LEAD_IN, '').replace(TRAILING_LABELS, '').trim();
  if (!text) return undefined;

  // "Name, Role" / "Name – Role" / "Name (Role)" / "Role: Name" / "Role – Name".
  const sep = /\s*(,|\s[–—-]\s|\(|:|;|\/|\|)\s*/.exec(text);
  if (sep) {
    const head = text.slice(0, sep.index).trim();
    const tail = text.slice(sep.index + sep[0].length).trim();
    const headName = wholeName(head);
    if (headName) return withEmail({ name: headName, role: tidyRole(tail) }, email);
    const tailName = leadingName(tail);
    if (tailName && !leadingName(head)) {
      const role = [head, tailName.rest].map((r) => tidyRole(r)).filter(Boolean).join(', ');
      return withEmail({ name: tailName.name, role: role || undefined }, email);
    }
  }
  const lead = leadingName(text);
  if (!lead) return undefined;
  return withEmail({ name: lead.name, role: tidyRole(lead.rest) }, email);
}

function withEmail(p: NamedPerson, email: string | undefined): NamedPerson {
  const out: NamedPerson = { name: p.name };
  if (p.role) out.role = p.role;
  if (email) out.email = email.toLowerCase();
  return out;
}

/**
 * An e-mail address for a named person anywhere in the report: on a line that names them, or one whose local
 * part is made of their name (keith.trowell@, ktrowell@, k.trowell@, keith@ is not enough).
 */
export function emailFor(name: string, lines: ReadonlyArray<{ text: string }>): { email: string; line: number } | undefined {
  const parts = name.toLowerCase().split(/\s+/).filter(Boolean);
  if (parts.length < 2) return undefined;
  const first = parts[0];
  const last = parts[parts.length - 1].replace(/['’]/g, '');
  const localOk = (local: string) => {
    const l = local.toLowerCase().replace(/['’]/g, '');
    return l.includes(last) && (l.includes(first) || l.startsWith(first[0]));
  };
  for (let i = 0; i < lines.length; i++) {
    for (const match of lines[i].text.matchAll(new RegExp(EMAIL.source, 'g'))) {
      const email = match[0];
      const local = email.split('@')[0];
      if (localOk(local) || (lines[i].text.toLowerCase().includes(name.toLowerCase()) && countEmails(lines[i].text) === 1)) {
        return { email: email.toLowerCase(), line: i };
      }
    }
  }
  return undefined;
}

function countEmails(text: string): number {
  return [...text.matchAll(new RegExp(EMAIL.source, 'g'))].length;
}
