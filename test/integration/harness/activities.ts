export function createHarnessActivities(prefix: string) {
  return {
    async greet(name: string): Promise<string> {
      return `${prefix}, ${name}`;
    },
  };
}
export type HarnessActivities = ReturnType<typeof createHarnessActivities>;
