export default async function globalTeardown(): Promise<void> {
  await globalThis.__YINLING_STACK__?.stop();
}
