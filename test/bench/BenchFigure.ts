// The shape every benchmark file returns: named samples that the bench runner summarises (median, spread).

export interface BenchFigure {
  /** e.g. "DescribeTapes round-trip (1 page, 1,500 tapes)". */
  readonly name: string;
  /** e.g. "ms", "MB/s", "req/s", "bytes". */
  readonly unit: string;
  /** One value per run; the runner reports median, min and max. */
  readonly samples: readonly number[];
  /** Optional context, e.g. the ratio against a baseline measured in the same run. */
  readonly note?: string;
}

/** A benchmark file under test/bench/ named *.bench.ts exports this. */
export type BenchModule = { run(): Promise<BenchFigure[]> };
