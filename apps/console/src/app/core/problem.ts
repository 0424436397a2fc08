/** An error as the console shows it: the API's message and code, and its correlation id. */
export class Problem extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
    readonly correlationId: string | null,
  ) {
    super(message);
    this.name = 'Problem';
  }

  /** From the API's error body `{ statusCode, code, message, correlationId }`, or what came instead. */
  static from(body: unknown, status: number): Problem {
    const e = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
    return new Problem(
      typeof e['message'] === 'string' ? e['message'] : `The server answered ${status}`,
      status,
      typeof e['code'] === 'string' ? e['code'] : 'HTTP_' + String(status),
      typeof e['correlationId'] === 'string' && e['correlationId'] !== '' ? e['correlationId'] : null,
    );
  }

  static of(error: unknown): Problem {
    if (error instanceof Problem) return error;
    return new Problem('Portcullis cannot be reached; check your connection and try again', 0, 'UNREACHABLE', null);
  }
}

/** What a call of the generated client resolves to. */
export interface Answer<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** The data of an answer, or a Problem (also when the server cannot be reached). */
export async function dataOf<T>(call: Promise<Answer<T>>): Promise<T> {
  let answer: Answer<T>;
  try {
    answer = await call;
  } catch (error) {
    throw Problem.of(error);
  }
  if (!answer.response.ok) throw Problem.from(answer.error, answer.response.status);
  return answer.data as T;
}
