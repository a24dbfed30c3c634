import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseRouteTemplate, RouteTemplateError, suggestMeetingDates, type RouteTemplate } from '../../../functions/domain/routes';
import { getRouteTemplate, loadRouteTemplates, routeTemplatesDir } from '../../../functions/platform/routeTemplates';

const shipped = (id: string): RouteTemplate => {
  const template = getRouteTemplate(id);
  if (!template) throw new Error(`no shipped template ${id}`);
  return template;
};

/** A valid template to break one field at a time. */
const validTemplate = () => ({
  id: 'example',
  name: 'Example',
  description: 'A partnership then a council.',
  finalisation: 'adoption',
  stages: [
    { id: 'csp', body: 'Community Safety Partnership', kind: 'partnership', decides: ['approved'] },
    { id: 'council', body: 'Full Council', kind: 'council', decides: ['approved', 'rejected'], offsetWeeks: 2 },
  ],
});

function refusal(template: unknown, file = 'example.json'): RouteTemplateError {
  try {
    parseRouteTemplate(file, JSON.stringify(template));
  } catch (error) {
    if (error instanceof RouteTemplateError) return error;
    throw error;
  }
  throw new Error('the template was accepted');
}

describe('the shipped route templates', () => {
  it('all validate, one per file named by its id', () => {
    const ids = loadRouteTemplates().map((template) => template.id);
    expect(ids).toEqual(expect.arrayContaining(['district-executive', 'committee-system', 'for-noting', 'health-and-wellbeing']));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('take the Tunbridge Wells plan from the partnership to adoption by Full Council', () => {
    const route = shipped('district-executive');
    expect(route.stages.map((stage) => stage.kind)).toEqual(['partnership', 'board', 'advisory', 'scrutiny', 'executive', 'council']);
    expect(route.finalisation).toBe('adoption');
    // The report's implications are signed off before the Cabinet Advisory Board's papers go out.
    expect(route.stages.find((stage) => stage.id === 'cab')?.signoffsBefore).toContain('Legal including Human Rights Act');
  });

  it('send the committee-system plan to Full Council, which can delegate its finalisation to an officer', () => {
    const route = shipped('committee-system');
    expect(route.stages.map((stage) => stage.kind)).toEqual(['committee', 'council']);
    expect(route.stages[0].body).toMatch(/Crime and Disorder Committee/);
    expect(route.finalisation).toBe('delegated');
    expect(route.stages[1].decides).toContain('delegated');
  });

  it.each(['for-noting', 'health-and-wellbeing'])('let %s only be noted or deferred', (id) => {
    const route = shipped(id);
    expect(route.finalisation).toBe('noting');
    expect(route.stages.map((stage) => stage.decides)).toEqual([['noted', 'deferred']]);
  });

  it('are read once and then served from the cache', () => {
    expect(loadRouteTemplates()).toBe(loadRouteTemplates());
  });

  it('answer undefined for an unknown id', () => {
    expect(getRouteTemplate('no-such-route')).toBeUndefined();
  });

  it('live in workflows/routes', () => {
    expect(readFileSync(join(routeTemplatesDir(), 'for-noting.json'), 'utf8')).toContain('"for-noting"');
  });
});

describe('parseRouteTemplate', () => {
  it('accepts a valid template', () => {
    expect(parseRouteTemplate('routes/example.json', JSON.stringify(validTemplate())).stages).toHaveLength(2);
  });

  it('refuses an unknown stage kind, naming the file and the field', () => {
    const template = validTemplate();
    template.stages[1].kind = 'parliament';
    const error = refusal(template, 'routes/example.json');
    expect(error.file).toBe('routes/example.json');
    expect(Object.keys(error.fields)).toEqual(['stages.1.kind']);
    expect(error.message).toMatch(/^routes\/example\.json: stages\.1\.kind: /);
  });

  it('refuses an unknown outcome and a missing body, naming both fields', () => {
    const template: Record<string, unknown> = validTemplate();
    const stages = template.stages as Array<Record<string, unknown>>;
    stages[0].decides = ['approved', 'vetoed'];
    delete stages[1].body;
    expect(Object.keys(refusal(template).fields).sort()).toEqual(['stages.0.decides.1', 'stages.1.body']);
  });

  it('refuses an unexpected field rather than ignoring a typo', () => {
    const template = { ...validTemplate(), finalization: 'adoption' };
    expect(refusal(template).message).toMatch(/finalization/);
  });

  it('refuses two stages with the same id', () => {
    const template = validTemplate();
    template.stages[1].id = 'csp';
    expect(refusal(template).fields['stages.1.id']).toMatch(/duplicate/);
  });

  it('refuses a finalisation the last stage cannot decide', () => {
    const template = { ...validTemplate(), finalisation: 'delegated' };
    expect(refusal(template).fields['stages.1.decides']).toMatch(/delegated/);
  });

  it('refuses a first stage that could refer back', () => {
    const template = validTemplate();
    template.stages[0].decides = ['approved', 'referred-back'];
    expect(Object.keys(refusal(template).fields)).toEqual(['stages.0.decides']);
  });

  it('refuses a template whose id is not its file name', () => {
    expect(refusal(validTemplate(), 'routes/other.json').fields.id).toMatch(/file name "other"/);
  });

  it('refuses a file that is not JSON, naming the file', () => {
    expect(() => parseRouteTemplate('routes/broken.json', '{"id": ')).toThrow(/^routes\/broken\.json: .*not JSON/);
  });
});

describe('loadRouteTemplates from a folder', () => {
  it('throws naming the broken file and its field', () => {
    const dir = mkdtempSync(join(tmpdir(), 'routes-'));
    writeFileSync(join(dir, 'example.json'), JSON.stringify(validTemplate()));
    writeFileSync(join(dir, 'broken.json'), JSON.stringify({ ...validTemplate(), id: 'broken', stages: [] }));
    expect(() => loadRouteTemplates(dir)).toThrow(/broken\.json: stages: /);
  });

  it('ignores files that are not JSON', () => {
    const dir = mkdtempSync(join(tmpdir(), 'routes-'));
    writeFileSync(join(dir, 'example.json'), JSON.stringify(validTemplate()));
    writeFileSync(join(dir, 'README.md'), '# notes');
    expect(loadRouteTemplates(dir).map((template) => template.id)).toEqual(['example']);
  });
});

describe('suggestMeetingDates', () => {
  it('spaces the stages by their suggested weeks', () => {
    // From Thu 19 Jan 2017: +0, +3, +3, +3, +1, +2 weeks, all Thursdays and working days.
    expect(suggestMeetingDates(shipped('district-executive'), '2017-01-19')).toEqual([
      '2017-01-19',
      '2017-02-09',
      '2017-03-02',
      '2017-03-23',
      '2017-03-30',
      '2017-04-13',
    ]);
  });

  it('moves a suggestion off a bank holiday', () => {
    // Mon 20 Mar 2017 + 4 weeks is Easter Monday, so Full Council is suggested for Tue 18 Apr.
    expect(suggestMeetingDates(shipped('committee-system'), '2017-03-20')).toEqual(['2017-03-20', '2017-04-18']);
  });
});
