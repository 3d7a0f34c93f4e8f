/** Whether `work` settles within `ms`; never rejects, and leaves no timer behind. */
export async function within(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(resolve, ms, false);
  });
  const done = work.then(
    () => true as const,
    () => true as const,
  );
  const result = await Promise.race([done, timeout]);
  clearTimeout(timer);
  return result;
}
