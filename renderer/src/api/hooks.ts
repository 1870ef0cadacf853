import { useMutation, useQuery, useQueryClient, type UseQueryOptions } from '@tanstack/react-query';
import type { OpInput, OpOutput, OperationName } from '../../../shared/contract.js';
import { ApiError } from './client.js';
import { useApi } from './context.js';

/** A read operation as a query, keyed by operation and input. */
export function useOp<K extends OperationName>(op: K, input: OpInput<K>, opts: Omit<UseQueryOptions<OpOutput<K>, ApiError>, 'queryKey' | 'queryFn'> = {}) {
  const api = useApi();
  return useQuery<OpOutput<K>, ApiError>({
    queryKey: [op, input],
    queryFn: () => (api[op] as unknown as (i: OpInput<K>) => Promise<OpOutput<K>>)(input),
    ...opts,
  });
}

/** A write operation; afterwards the given read operations are fetched again. */
export function useOpMutation<K extends OperationName>(op: K, invalidates: OperationName[] = []) {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation<OpOutput<K>, ApiError, OpInput<K>>({
    mutationFn: (input) => (api[op] as unknown as (i: OpInput<K>) => Promise<OpOutput<K>>)(input),
    onSettled: () => {
      for (const k of invalidates) void qc.invalidateQueries({ queryKey: [k] });
    },
  });
}
