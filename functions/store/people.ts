/**
 * The people directory (DESIGN.md "Data model"): one partition `PEOPLE`, an item `PERSON#<email>` per person, and
 * `#VERSION`, a counter every write of the directory moves on. Listing is one Query of the partition (consistent,
 * page after page, bounded), never a Scan; a person is one GetItem. A write is checked against the directory as it
 * was read (deputy loops): it first moves the counter on from the version it read, so a write that another one
 * overtook is refused (409) instead of storing a chain nobody checked.
 */
import { DeleteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { directoryPersonSchema, MAX_DEPUTY_CHAIN, type DirectoryPerson } from '../domain/people';
import { logger } from '../platform/logger';
import { conditionalWrite } from './conditionalWrite';
import { dynamo, tableName } from './dynamo';

export const PEOPLE_PK = 'PEOPLE';
export const personSk = (email: string) => `PERSON#${email.toLowerCase()}`;
const VERSION_SK = '#VERSION';
/** An address longer than this is not stored (a key that long names nobody): 404, never 400. */
const MAX_EMAIL = 254;
/** One page of the partition holds about 3,000 people: 10 pages is a directory far larger than a council's. */
const MAX_PAGES = 10;

export interface Directory {
  people: DirectoryPerson[];
  /** The `#VERSION` counter as read: a write names it (0 before the first write). */
  version: number;
}

function personOf(item: Record<string, unknown> | undefined): DirectoryPerson | undefined {
  if (!item) return undefined;
  const parsed = directoryPersonSchema.safeParse(item);
  if (parsed.success) return parsed.data;
  logger.warn('a stored person does not parse: skipped', { sk: String(item.sk), issues: parsed.error.issues.map((i) => i.path.join('.')) });
  return undefined;
}

/** Everyone in the directory, with the version read. */
export async function loadDirectory(): Promise<Directory> {
  const people: DirectoryPerson[] = [];
  let version = 0;
  let start: Record<string, unknown> | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const out = await dynamo().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': PEOPLE_PK },
        ConsistentRead: true,
        ExclusiveStartKey: start,
      }),
    );
    for (const item of out.Items ?? []) {
      if (item.sk === VERSION_SK) version = Number(item.version) || 0;
      else {
        const person = personOf(item);
        if (person) people.push(person);
      }
    }
    start = out.LastEvaluatedKey;
    if (!start) return { people, version };
  }
  throw new Error(`the people directory is larger than ${MAX_PAGES} pages: not read`);
}

export async function getPerson(email: string): Promise<DirectoryPerson | undefined> {
  if (!email || email.length > MAX_EMAIL) return undefined;
  const out = await dynamo().send(new GetCommand({ TableName: tableName(), Key: { pk: PEOPLE_PK, sk: personSk(email) }, ConsistentRead: true }));
  return personOf(out.Item);
}

/**
 * The person and everyone along their chain of deputies (GetItem by GetItem, at most MAX_DEPUTY_CHAIN of them):
 * what `actingDeputy` needs, without reading the whole directory.
 */
export async function peopleAlongDeputies(email: string): Promise<Map<string, DirectoryPerson>> {
  const found = new Map<string, DirectoryPerson>();
  let next: string | null = email.toLowerCase();
  while (next && !found.has(next) && found.size <= MAX_DEPUTY_CHAIN) {
    const person = await getPerson(next);
    if (!person) break;
    found.set(person.email, person);
    next = person.deputy;
  }
  return found;
}

/** Moves the directory's counter on from `seen`; false when another write came first. */
function claimVersion(seen: number): Promise<boolean> {
  return conditionalWrite(() =>
    dynamo().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: { pk: PEOPLE_PK, sk: VERSION_SK },
        UpdateExpression: 'SET #v = :next',
        ConditionExpression: seen === 0 ? 'attribute_not_exists(#v) OR #v = :seen' : '#v = :seen',
        ExpressionAttributeNames: { '#v': 'version' },
        ExpressionAttributeValues: { ':next': seen + 1, ':seen': seen },
      }),
    ),
  );
}

/** Stores (creates or replaces) the person; false when the directory changed since `seenVersion` was read. */
export async function putPerson(person: DirectoryPerson, seenVersion: number): Promise<boolean> {
  if (!(await claimVersion(seenVersion))) return false;
  await dynamo().send(new PutCommand({ TableName: tableName(), Item: { pk: PEOPLE_PK, sk: personSk(person.email), type: 'person', ...person } }));
  return true;
}

/** Removes the person; false when the directory changed since `seenVersion` was read. */
export async function deletePerson(email: string, seenVersion: number): Promise<boolean> {
  if (!(await claimVersion(seenVersion))) return false;
  await dynamo().send(new DeleteCommand({ TableName: tableName(), Key: { pk: PEOPLE_PK, sk: personSk(email) } }));
  return true;
}
