import { z } from 'zod';
import { apiHandler, MAX_BODY_BYTES } from '../../../functions/edge/http';
import { conflict } from '../../../functions/domain/errors';
import { logLinesOf, printedLogLinesOf } from '../../support/logLines';
import { apiEvent, author, clerk, lambdaContext } from './apiEvent';

const stageSchema = z.object({ id: z.string(), meetingDate: z.iso.date() });
const runBody = z.object({ plan: z.object({ title: z.string().max(300) }), stages: z.array(stageSchema).min(1) });

const startRun = apiHandler(
  { name: 'StartRun', roles: ['clerk'], body: runBody },
  async ({ body, actor }) => ({ statusCode: 201, body: { title: body.plan.title, startedBy: actor.email } }),
);

const parse = (result: { body?: string }) => JSON.parse(result.body ?? 'null');
const validRun = JSON.stringify({ plan: { title: 'CSP Plan' }, stages: [{ id: 'csp', meetingDate: '2027-02-09' }] });

describe('apiHandler', () => {
  it('passes the validated body and the caller to the handler and answers JSON', async () => {
    const result = await startRun(apiEvent({ body: validRun, claims: clerk }), lambdaContext);
    expect(result.statusCode).toBe(201);
    expect(result.headers?.['content-type']).toBe('application/json');
    expect(parse(result)).toEqual({ title: 'CSP Plan', startedBy: 'cleo.clerk@example.gov.uk' });
  });

  it('answers 401 in the error shape when no claims were verified', async () => {
    const result = await startRun(apiEvent({ body: validRun }), lambdaContext);
    expect(result.statusCode).toBe(401);
    expect(parse(result).error.code).toBe('unauthorized');
  });

  it('logs a refused request with the reason under `detail`, the logger keeping `message` for the line itself', async () => {
    const { result, lines } = await logLinesOf(() => startRun(apiEvent({ body: validRun, claims: author }), lambdaContext));
    expect(result.statusCode).toBe(403);
    expect(lines).toEqual([expect.objectContaining({ message: 'request refused', status: 403, code: 'forbidden', detail: 'This needs the role clerk' })]);
  });

  it('answers 403 when the caller has none of the roles', async () => {
    const result = await startRun(apiEvent({ body: validRun, claims: author }), lambdaContext);
    expect(result.statusCode).toBe(403);
    expect(parse(result).error).toMatchObject({ code: 'forbidden' });
  });

  it('lets an admin through whatever the roles', async () => {
    const admin = { email: 'ada@example.gov.uk', email_verified: 'true', name: 'Ada', 'cognito:groups': '[admin]' };
    const result = await startRun(apiEvent({ body: validRun, claims: admin }), lambdaContext);
    expect(result.statusCode).toBe(201);
  });

  it('names every bad field, array items by index, in a 400', async () => {
    const body = JSON.stringify({ plan: { title: 'x'.repeat(301) }, stages: [{ id: 'csp', meetingDate: '2027-02-09' }, { id: 'cab', meetingDate: 'soon' }] });
    const result = await startRun(apiEvent({ body, claims: clerk }), lambdaContext);
    expect(result.statusCode).toBe(400);
    const { error } = parse(result);
    expect(error.code).toBe('invalid-input');
    expect(Object.keys(error.fields).sort()).toEqual(['plan.title', 'stages.1.meetingDate']);
    expect(error.message).toContain('stages.1.meetingDate');
    expect(error.message).toContain('plan.title');
  });

  it('reports a missing body against "body"', async () => {
    const result = await startRun(apiEvent({ claims: clerk }), lambdaContext);
    expect(result.statusCode).toBe(400);
    expect(Object.keys(parse(result).error.fields)).toEqual(['body']);
  });

  it('answers 400 naming the body when the JSON is malformed', async () => {
    const result = await startRun(apiEvent({ body: '{"plan": ', claims: clerk }), lambdaContext);
    expect(result.statusCode).toBe(400);
    expect(parse(result).error).toMatchObject({ code: 'invalid-input', fields: { body: expect.any(String) } });
  });

  it('reads JSON sent as JSON (application/json or +json)', async () => {
    for (const type of ['application/json; charset=utf-8', 'application/merge-patch+json', 'Application/JSON']) {
      const event = apiEvent({ body: validRun, claims: clerk, headers: { 'content-type': type } });
      expect([type, (await startRun(event, lambdaContext)).statusCode]).toEqual([type, 201]);
    }
  });

  it('refuses a JSON body sent as text/plain or as a form (what a cross-site form sends), naming the body', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', undefined]) {
      const event = apiEvent({ body: validRun, claims: clerk });
      if (type) event.headers['content-type'] = type;
      else delete event.headers['content-type'];
      const result = await startRun(event, lambdaContext);
      expect([type, result.statusCode, Object.keys(parse(result).error.fields)]).toEqual([type, 400, ['body']]);
    }
  });

  it('reads a base64-encoded body', async () => {
    const event = apiEvent({ body: Buffer.from(validRun).toString('base64'), isBase64Encoded: true, claims: clerk });
    expect((await startRun(event, lambdaContext)).statusCode).toBe(201);
  });

  it('answers 413 for a body over 1 MB without calling the handler', async () => {
    let called = false;
    const handler = apiHandler({ name: 'Big' }, async () => {
      called = true;
      return { statusCode: 200 };
    });
    const result = await handler(apiEvent({ body: JSON.stringify({ text: 'x'.repeat(MAX_BODY_BYTES) }), claims: clerk }), lambdaContext);
    expect(result.statusCode).toBe(413);
    expect(parse(result).error.code).toBe('payload-too-large');
    expect(called).toBe(false);
  });

  it('turns a DomainError thrown by the handler into its status and shape', async () => {
    const handler = apiHandler({ name: 'Decide' }, async () => {
      throw conflict('The meeting has not happened yet', { outcome: 'too early' });
    });
    const result = await handler(apiEvent({ claims: clerk }), lambdaContext);
    expect(result.statusCode).toBe(409);
    expect(parse(result)).toEqual({ error: { code: 'conflict', message: 'The meeting has not happened yet', fields: { outcome: 'too early' } } });
  });

  it('names the run of the path on its log lines, even those of a caller refused before the handler runs', async () => {
    const handler = apiHandler({ name: 'Withdraw', roles: ['clerk'] }, async () => ({ statusCode: 200, body: {} }));
    const { result, lines } = await printedLogLinesOf(() => handler(apiEvent({ claims: author, pathParameters: { runId: 'run-42' } }), lambdaContext));
    expect(result.statusCode).toBe(403);
    expect(lines.find((l) => l.message === 'request refused')).toMatchObject({ handler: 'Withdraw', runId: 'run-42', status: 403 });
  });

  it('hides unexpected errors behind a generic 500', async () => {
    const handler = apiHandler({ name: 'Broken' }, async () => {
      throw new Error('secret table name leaked');
    });
    const result = await handler(apiEvent({ claims: clerk }), lambdaContext);
    expect(result.statusCode).toBe(500);
    expect(parse(result).error.code).toBe('internal-error');
    expect(result.body).not.toContain('secret');
  });

  it('validates path parameters and query strings with their schemas', async () => {
    const handler = apiHandler(
      { name: 'ListRuns', params: z.object({ runId: z.string().regex(/^r-/) }), query: z.object({ status: z.enum(['running', 'adopted']).optional() }) },
      async ({ params, query }) => ({ statusCode: 200, body: { runId: params.runId, status: query.status ?? null } }),
    );
    const ok = await handler(apiEvent({ method: 'GET', claims: clerk, pathParameters: { runId: 'r-1' }, query: { status: 'running' } }), lambdaContext);
    expect(parse(ok)).toEqual({ runId: 'r-1', status: 'running' });
    const bad = await handler(apiEvent({ method: 'GET', claims: clerk, pathParameters: { runId: 'x' }, query: { status: 'lost' } }), lambdaContext);
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(parse(bad).error.fields).sort()).toEqual(['runId', 'status']);
  });

  it('serves public routes without a caller and passes string bodies through', async () => {
    const page = apiHandler({ name: 'LinkPage', auth: 'public' }, async ({ actor }) => ({
      statusCode: 200,
      headers: { 'content-type': 'text/html; charset=utf-8' },
      body: `<p>${actor === undefined ? 'anonymous' : actor.email}</p>`,
    }));
    const result = await page(apiEvent({ method: 'GET' }), lambdaContext);
    expect(result).toMatchObject({ statusCode: 200, body: '<p>anonymous</p>', headers: { 'content-type': 'text/html; charset=utf-8' } });
  });

  it('parses urlencoded forms for pages', async () => {
    const form = apiHandler(
      { name: 'SignoffForm', bodyFormat: 'form', body: z.object({ result: z.enum(['signed', 'changes-requested']), comment: z.string() }) },
      async ({ body }) => ({ statusCode: 200, body }),
    );
    const event = apiEvent({ body: 'result=signed&comment=Fine+by+me%21', claims: clerk, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    const result = await form(event, lambdaContext);
    expect(parse(result)).toEqual({ result: 'signed', comment: 'Fine by me!' });
  });

  it('reads headers whatever their case', async () => {
    const handler = apiHandler({ name: 'Echo', body: z.object({ a: z.number() }) }, async ({ body }) => ({ statusCode: 200, body }));
    const event = apiEvent({ body: '{"a":1}', claims: clerk });
    event.headers = { 'Content-Type': 'application/json' };
    expect(parse(await handler(event, lambdaContext))).toEqual({ a: 1 });
  });
});
