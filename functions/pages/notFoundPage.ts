/**
 * `GET /{proxy+}`: any address no other route takes (the least specific route, on AWS and locally alike). A person
 * who mistyped a page address gets the GOV.UK "Page not found" page; an API client gets the API's JSON 404.
 */
import { notFound } from '../domain/errors';
import { apiHandler } from '../edge/http';
import { errorPage } from '../edge/pageShell';

export const handler = apiHandler({ name: 'NotFoundPage', auth: 'public' }, async ({ event }) => {
  if (event.rawPath.startsWith('/api/')) throw notFound(`No route for GET ${event.rawPath}`);
  return errorPage(404, 'Page not found', 'If you typed the web address, check it is correct. If you pasted the web address, check you copied the entire address.', undefined, {
    href: '/',
    text: 'Go to the dashboard',
  });
});
