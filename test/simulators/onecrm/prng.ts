// The c-entron simulator's seeded pseudo-random numbers (mulberry32), shared: the same seed, the same sequence.
export * from '../centron/prng.js';
