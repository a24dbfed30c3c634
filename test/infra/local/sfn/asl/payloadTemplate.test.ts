import { applyTemplate } from '../../../../../infra/local/sfn/asl/payloadTemplate';

const context = () => ({ Execution: { Id: 'arn:exec' }, Task: { Token: 'tok' } });

describe('payload templates', () => {
  it('copies plain fields and resolves .$ fields from paths, the context and intrinsic functions', () => {
    const template = {
      fixed: 'value',
      nested: { 'who.$': '$.name', list: [{ 'n.$': '$.n' }, 2] },
      'token.$': '$$.Task.Token',
      'greeting.$': "States.Format('Hi {}', $.name)",
    };
    expect(applyTemplate(template, { name: 'Ann', n: 4 }, context)).toEqual({
      fixed: 'value',
      nested: { who: 'Ann', list: [{ n: 4 }, 2] },
      token: 'tok',
      greeting: 'Hi Ann',
    });
  });

  it('returns a template without .$ fields as it is', () => {
    const template = { a: [1, { b: 2 }] };
    expect(applyTemplate(template, { x: 1 }, context)).toBe(template);
  });

  it('fails with States.Runtime when a path is missing, naming the field', () => {
    expect(() => applyTemplate({ 'a.$': '$.missing' }, {}, context)).toThrow(
      expect.objectContaining({ error: 'States.Runtime', causeText: expect.stringContaining("'a.$'") }),
    );
  });

  it('refuses a .$ value that is neither a path nor an intrinsic function', () => {
    expect(() => applyTemplate({ 'a.$': 'plain text' }, {}, context)).toThrow(expect.objectContaining({ error: 'States.Runtime' }));
  });
});
