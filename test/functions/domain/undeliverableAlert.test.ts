import { undeliverableAlert } from '../../../functions/domain/undeliverableAlert';

describe('undeliverableAlert', () => {
  const undeliverable = { email: 'k.trowell@example.gov.uk', reason: 'bounce' as const, detail: 'permanent bounce (5.1.1)' };

  it('names the address, the plan, the failed e-mail and links to the run', () => {
    const alert = undeliverableAlert({
      undeliverable,
      subject: 'Sign-off requested: Legal',
      runId: 'run 1',
      planTitle: 'Community Safety Partnership Plan 2017/18',
      publicUrl: 'https://ratify.example.gov.uk/',
    });
    expect(alert.subject).toBe('Undeliverable e-mail address: k.trowell@example.gov.uk for "Community Safety Partnership Plan 2017/18"');
    expect(alert.text).toContain('k.trowell@example.gov.uk: permanent bounce (5.1.1).');
    expect(alert.text).toContain('The e-mail was: "Sign-off requested: Legal".');
    expect(alert.text).toContain('https://ratify.example.gov.uk/runs/run%201');
  });

  it('still reads well when the run is unknown', () => {
    const alert = undeliverableAlert({ undeliverable });
    expect(alert.subject).toBe('Undeliverable e-mail address: k.trowell@example.gov.uk');
    expect(alert.text).not.toContain('/runs/');
    expect(alert.text).not.toContain('undefined');
  });
});
