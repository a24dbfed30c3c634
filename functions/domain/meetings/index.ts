/** The council's calendar (issue 9): bodies, meetings, imports, planning on the calendar and feeds. Pure. */
export * from './bodies';
export * from './meetings';
export * from './imported';
export * from './parseIcs';
export * from './parseModernGov';
export * from './reconcileImport';
export * from './fitting';
export * from './proposePlan';
export * from './nextFittingMeeting';
export * from './icsFeed';
export * from './calendarApi';
export * from './followMeeting';
export * from './feedFiles';
