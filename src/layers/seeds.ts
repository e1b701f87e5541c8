/** Default seeds for layers built without one: a process-wide counter (deterministic per run). */
let counter = 0;

/** The next default seed. Pass explicit seeds when two models must get identical weights. */
export function nextDefaultSeed(): number {
  return 1000 + counter++;
}
