export async function runLatency(_args: readonly string[]): Promise<void> {}
