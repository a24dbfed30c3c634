import { isTransient, retryingTransients } from '../../../functions/platform/retryableError';

const awsError = (name: string, status?: number) => Object.assign(new Error(name), { name, $metadata: status ? { httpStatusCode: status } : {} });

describe('retryingTransients', () => {
  it('renames throttling and outages to the names the state machine retries', async () => {
    await expect(retryingTransients(() => Promise.reject(awsError('ProvisionedThroughputExceededException', 400)))).rejects.toMatchObject({ name: 'Throttling' });
    await expect(retryingTransients(() => Promise.reject(awsError('InternalServerError', 500)))).rejects.toMatchObject({ name: 'ServiceUnavailable' });
    await expect(retryingTransients(() => Promise.reject(Object.assign(new Error('refused'), { code: 'ECONNREFUSED' })))).rejects.toMatchObject({ name: 'ServiceUnavailable' });
  });

  it('lets other errors through unchanged, so a bug fails loudly instead of retrying', async () => {
    await expect(retryingTransients(() => Promise.reject(awsError('ValidationException', 400)))).rejects.toMatchObject({ name: 'ValidationException' });
    expect(isTransient(new TypeError('x'))).toBe(false);
  });
});
