import { substituteDefinition } from '../../infra/definitions/stateMachine';

describe('substituteDefinition', () => {
  it('replaces every ${Name} placeholder with its value', () => {
    expect(substituteDefinition('{"Resource":"${AFunctionArn}"}', { AFunctionArn: 'arn:x' })).toBe('{"Resource":"arn:x"}');
  });
  it('refuses a placeholder that has no value', () => {
    expect(() => substituteDefinition('"${Missing}"', {})).toThrow('Missing');
  });
});
