import { looksLikeBody, stageIds, stageKindOf, tidyBody } from '../../../../functions/domain/intake/bodies';

describe('meeting bodies', () => {
  it.each([
    ['Community Safety Partnership', 'partnership'],
    ['Management Board', 'board'],
    ['Corporate Management Team', 'board'],
    ['Communities CAB', 'advisory'],
    ['Communities Cabinet Advisory Board', 'advisory'],
    ['Overview & Scrutiny', 'scrutiny'],
    ['Crime and Disorder Committee', 'scrutiny'],
    ['Cabinet', 'executive'],
    ['Cabinet Member for Housing', 'executive'],
    ['Full Council', 'council'],
    ['Kent County Council', 'council'],
    ['Community Safety Partnership Working Party', 'working-party'],
    ['Health and Wellbeing Board', 'board'],
    ['Licensing Committee', 'committee'],
    ['Housing Panel', 'committee'],
    ["Residents' Jury", 'other'],
  ])('%s is %s', (body, kind) => {
    expect(stageKindOf(body)).toBe(kind);
  });

  it('tells a body from a sentence, a document title and (strictly) a name without a body word', () => {
    expect(looksLikeBody('Overview and Scrutiny Committee (acting as the Crime and Disorder Committee)', true)).toBe(true);
    expect(looksLikeBody('The plan was discussed at the partnership.', false)).toBe(false);
    expect(looksLikeBody('Community Safety Partnership Plan 2017/18', true)).toBe(false);
    expect(looksLikeBody('Portfolio Holder', true)).toBe(true);
    expect(looksLikeBody('Residents Jury', true)).toBe(false);
    expect(looksLikeBody('Residents Jury', false)).toBe(true);
  });

  it('tidies names typed in capitals and gives unique slugs', () => {
    expect(tidyBody('HEALTH AND WELLBEING BOARD')).toBe('Health and Wellbeing Board');
    expect(tidyBody(' – Communities CAB:')).toBe('Communities CAB');
    expect(stageIds(['Cabinet', 'Overview & Scrutiny', 'Cabinet', '***'])).toEqual(['cabinet', 'overview-scrutiny', 'cabinet-2', 'stage-4']);
  });
});
