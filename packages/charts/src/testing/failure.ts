import { ChartErrors, type ChartError } from '../errors.js';

/** The chart errors a call rejects with; fails the test when it resolves, or rejects with anything else. */
export async function chartErrorsOf(promise: Promise<unknown>): Promise<ChartError[]> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ChartErrors) return [...error.errors];
    throw error;
  }
  throw new Error('expected chart errors, but the call succeeded');
}
