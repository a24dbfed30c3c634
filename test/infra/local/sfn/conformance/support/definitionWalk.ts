/** Every state of an ASL definition, including those inside Parallel branches and Map processors. */
export interface NamedState {
  name: string;
  state: Record<string, unknown>;
}

type Definition = { States?: Record<string, Record<string, unknown>> };

export function allStates(definition: unknown): NamedState[] {
  const states = (definition as Definition).States ?? {};
  return Object.entries(states).flatMap(([name, state]) => {
    const nested: unknown[] = [
      ...((state.Branches as unknown[] | undefined) ?? []),
      ...(state.Iterator ? [state.Iterator] : []),
      ...(state.ItemProcessor ? [state.ItemProcessor] : []),
    ];
    return [{ name, state }, ...nested.flatMap(allStates)];
  });
}
