import { z } from "zod";

/** Scenario 6's body schema: the methodview servers declare it, the raw ones parse it by hand. */
export const BenchItem = z.object({ name: z.string().min(1), tags: z.array(z.string()), n: z.number().int() });

/** What a raw server answers: the parsed value, or 422 with the issues (as a hand-written check does). */
export function parseBenchItem(body: unknown): { status: number; data: unknown } {
  const parsed = BenchItem.safeParse(body);
  return parsed.success ? { status: 200, data: parsed.data } : { status: 422, data: { errors: parsed.error.issues } };
}
