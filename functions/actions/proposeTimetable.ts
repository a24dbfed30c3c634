/**
 * `POST /api/plans/propose`: the earliest timetable on the calendar for the stages given, or for a route
 * template's stages found on the calendar by their bodies' names. Nothing is stored.
 */
import { londonDate } from '../domain/calendar';
import { planRequestOf, proposePlan, resolveRouteStages, type Meeting, type ProposeInput } from '../domain/meetings';
import { now } from '../platform/clock';
import { getRouteTemplate } from '../platform/routeTemplates';
import { listBodies } from '../store/bodies';
import { meetingsOfBody } from '../store/meetings';

export async function proposeTimetable(input: ProposeInput) {
  const today = londonDate(now());
  const bodies = await listBodies();
  const template = !input.stages && input.route ? getRouteTemplate(input.route) : undefined;
  const request = planRequestOf(input, template ? resolveRouteStages(template.stages, bodies) : undefined);
  const known = new Set(bodies.map((b) => b.id));
  const wanted = [...new Set(request.stages.map((s) => s.bodyId))].filter((id) => known.has(id));
  // Only meetings from today on can take a report.
  const meetings: Meeting[] = (await Promise.all(wanted.map((id) => meetingsOfBody(id, { from: today })))).flat();
  return proposePlan(request, { bodies, meetings, today });
}
