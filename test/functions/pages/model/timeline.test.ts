import { timelineOf, timelineSvg, timelineText } from '../../../../functions/pages/model/timeline';
import { SimulatedRun, tunbridgeWellsInput } from '../../domain/runSimulator';

describe("a run's timeline", () => {
  it('has a lane per stage with its meeting, publication deadline and the sign-offs due for it, in date order', () => {
    const run = new SimulatedRun();
    const t = timelineOf(run.snapshot, run.now);
    expect(t.lanes.map((l) => l.label)).toEqual(run.snapshot.stages.map((s) => s.body));
    expect(t.lanes[0].current).toBe(true);
    const cab = t.lanes[2];
    expect(cab.marks.map((m) => m.kind)).toEqual([...Array(9).fill('signoff'), 'publication', 'meeting']);
    expect(cab.marks.at(-1)).toMatchObject({ date: '2017-03-22', text: 'Meeting on Wednesday 22 March 2017', late: false, done: false });
    expect(t.from < '2017-01-09' && t.to > '2017-04-26').toBe(true);
  });

  it('marks a sign-off past its due date late, and one signed done, in the picture and in words', () => {
    const run = new SimulatedRun();
    const legal = run.snapshot.signoffs.find((so) => so.area.startsWith('Legal'))!;
    const finance = run.snapshot.signoffs.find((so) => so.area.startsWith('Finance'))!;
    run.advanceTo('2017-03-14T10:00:00Z');
    run.sign(finance.id);
    run.advanceTo('2017-03-16T10:00:00Z');
    const t = timelineOf(run.snapshot, run.now);
    const marks = t.lanes[2].marks;
    expect(marks.find((m) => m.text.startsWith('Legal'))).toMatchObject({ late: true, done: false });
    expect(marks.find((m) => m.text.startsWith('Finance'))).toMatchObject({ late: false, done: true });
    const words = timelineText(t).find((l) => l.label.startsWith('Communities Cabinet Advisory Board'))!;
    expect(words.items).toContain(`Legal including Human Rights Act sign-off (Keith Trowell) due by ${longDue(legal.dueBy)}: late`);
    const svg = timelineSvg(t);
    expect(svg).toMatch(/<line [^>]*stroke="#d4351c"[^>]*><title>Communities Cabinet Advisory Board: Legal including/);
  });

  it('is an SVG image with a title and a description, today marked, and text escaped', () => {
    const run = new SimulatedRun(tunbridgeWellsInput({ plan: { title: 'Plan <b>&</b> "2017"', author: { name: 'Terry Hughes', email: 'terry.hughes@example.gov.uk' } } }));
    const svg = timelineSvg(timelineOf(run.snapshot, run.now));
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).toContain('<title id="timeline-title">Timeline of Plan &lt;b&gt;&amp;&lt;/b&gt; &quot;2017&quot;</title>');
    expect(svg).toContain('<desc id="timeline-desc">');
    expect(svg).toContain('>Today</text>');
    expect(svg).toContain('>Feb 2017</text>');
    expect(svg).not.toContain('<b>');
  });
});

function longDue(date: string): string {
  return new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`)).replace(',', '');
}
